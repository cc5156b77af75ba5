import CBLAS

/// Thin, shape-checked wrappers over the LAPACKE routines wslabel uses.
enum LAPACK {
    /// The inverse of a symmetric positive-definite matrix, by Cholesky factorization
    /// (`LAPACKE_dpotrf`) and inversion from the factor (`LAPACKE_dpotri`).
    ///
    /// ```swift
    /// LAPACK.inverseOfPositiveDefinite([4, 2, 2, 3], order: 2)   // [0.375, -0.25, -0.25, 0.5]
    /// ```
    ///
    /// - Parameters:
    ///   - matrix: `order × order`, row-major, symmetric; only its upper triangle is read.
    ///   - order: the matrix's number of rows and columns.
    /// - Returns: the full symmetric inverse, row-major, or `nil` when the matrix is not
    ///   positive definite (the factorization meets a non-positive pivot).
    /// - Complexity: O(order³).
    static func inverseOfPositiveDefinite(_ matrix: [Double], order: Int) -> [Double]? {
        precondition(order >= 0 && matrix.count == order * order, "inverseOfPositiveDefinite: expected an order × order matrix")
        guard order > 0 else { return [] }
        _ = BLAS.configureOnce
        var factor = matrix
        let n = Int32(order)
        let status = factor.withUnsafeMutableBufferPointer { buffer -> Int32 in
            let factored = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), n, buffer.baseAddress, n)
            guard factored == 0 else { return factored }
            return LAPACKE_dpotri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), n, buffer.baseAddress, n)
        }
        guard status == 0 else { return nil }
        // dpotri leaves the inverse in the upper triangle: mirror it.
        for row in 0..<order {
            for column in 0..<row { factor[row * order + column] = factor[column * order + row] }
        }
        return factor
    }
}
