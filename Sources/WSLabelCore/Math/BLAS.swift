import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, shape-checked wrappers over the CBLAS routines the label models use.
///
/// OpenBLAS runs single-threaded here: wslabel parallelizes over fixed blocks itself, so that
/// the summation order, and with it every output byte, does not depend on the thread count.
enum BLAS {
    /// Makes OpenBLAS single-threaded, and stops the worker threads its pthread build starts as
    /// the library loads; called once before the first product and before wslabel's own threads
    /// start (``ParallelBlocks``).
    ///
    /// Those idle workers spin (`sched_yield`) for a fraction of a second before they sleep,
    /// and on a two-core machine that spinning took a tenth of a core from every run's first
    /// moments (seen in profiles of `wslabel apply`), BLAS used or not.
    static let configureOnce: Void = {
        openblas_set_num_threads(1)
        stopIdleWorkerThreads()
    }()

    /// Calls OpenBLAS's `blas_thread_shutdown_` when the library has it (the pthread build; the
    /// serial and OpenMP builds start no such threads). Looked up at run time, so linking does
    /// not depend on the build. A later multi-threaded call would start the threads again;
    /// wslabel makes none.
    private static func stopIdleWorkerThreads() {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
        #endif
    }

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

// Level-1 routines for the end model's optimizer (``LBFGS``): its vectors hold every weight.
extension BLAS {
    /// `x · y` over `count` elements.
    static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        _ = configureOnce
        return cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// `y += alpha · x` over `count` elements.
    static func axpy(_ count: Int, alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        _ = configureOnce
        cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// `x *= alpha` over `count` elements.
    static func scale(_ count: Int, alpha: Double, _ x: UnsafeMutablePointer<Double>) {
        _ = configureOnce
        cblas_dscal(Int32(count), alpha, x, 1)
    }
}
