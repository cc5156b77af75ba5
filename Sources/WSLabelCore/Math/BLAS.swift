import CBLAS

/// Thin, shape-checked wrappers over the CBLAS routines the label models use.
///
/// OpenBLAS runs single-threaded here: wslabel parallelizes over fixed blocks itself, so that
/// the summation order, and with it every output byte, does not depend on the thread count.
enum BLAS {
    /// Makes OpenBLAS single-threaded; called once before the first product.
    static let configureOnce: Void = {
        openblas_set_num_threads(1)
    }()

    /// `c = alpha · op(a) · b + beta · c` for row-major matrices, where `op(a)` is `a` or `aᵀ`.
    ///
    /// - Parameters:
    ///   - a: `rows × inner` (or `inner × rows` when `transposeA`), row-major.
    ///   - b: `inner × columns`, row-major.
    ///   - c: `rows × columns`, row-major; overwritten (accumulated when `beta` is 1).
    static func gemm(
        transposeA: Bool = false,
        rows: Int, columns: Int, inner: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        beta: Double = 0, c: UnsafeMutablePointer<Double>
    ) {
        precondition(rows >= 0 && columns >= 0 && inner >= 0, "gemm: negative dimension")
        _ = configureOnce
        guard rows > 0 && columns > 0 else { return }
        guard inner > 0 else {
            for index in 0..<(rows * columns) { c[index] *= beta }
            return
        }
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
            Int32(rows), Int32(columns), Int32(inner),
            alpha, a, Int32(transposeA ? rows : inner),
            b, Int32(columns),
            beta, c, Int32(columns))
    }
}
