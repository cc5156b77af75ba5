import XCTest
@testable import WSLabelCore

/// The LAPACKE inverse against inverses worked out by hand (tolerance 1e-12: Cholesky on
/// well-conditioned matrices is accurate to a few ulps).
final class LAPACKTests: XCTestCase {
    func testInvertsATwoByTwo() throws {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
        let inverse = try XCTUnwrap(LAPACK.inverseOfPositiveDefinite([4, 2, 2, 3], order: 2))
        for (value, truth) in zip(inverse, [0.375, -0.25, -0.25, 0.5]) { XCTAssertEqual(value, truth, accuracy: 1e-12) }
        XCTAssertEqual(inverse.count, 4)
    }

    func testInvertsAThreeByThreeAndFillsBothTriangles() throws {
        // The tridiagonal [[2, −1, 0], [−1, 2, −1], [0, −1, 2]] has inverse [[3, 2, 1], [2, 4, 2], [1, 2, 3]] / 4.
        let inverse = try XCTUnwrap(LAPACK.inverseOfPositiveDefinite([2, -1, 0, -1, 2, -1, 0, -1, 2], order: 3))
        let expected = [0.75, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.75]
        for (value, truth) in zip(inverse, expected) { XCTAssertEqual(value, truth, accuracy: 1e-12) }
    }

    func testRefusesAMatrixThatIsNotPositiveDefinite() {
        XCTAssertNil(LAPACK.inverseOfPositiveDefinite([1, 2, 2, 1], order: 2))
        XCTAssertEqual(LAPACK.inverseOfPositiveDefinite([], order: 0), [])
    }
}
