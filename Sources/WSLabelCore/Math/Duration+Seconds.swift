extension Duration {
    /// The duration in seconds, as a `Double`: what timings in reports and progress lines show.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
