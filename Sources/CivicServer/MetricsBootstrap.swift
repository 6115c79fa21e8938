import Metrics
import Prometheus

/// What this build is, for `civicd --version` and `civicd_build_info`.
public enum BuildInfo {
    /// Raised with each release of civicd.
    public static let version = "0.18.0"
}

/// Makes swift-prometheus the process's swift-metrics backend (once per process: swift-metrics
/// allows one bootstrap) and returns what `/metrics` serves.
public enum MetricsBootstrap {
    /// Bootstraps, with histogram buckets that fit what civicd measures: understanding a line
    /// takes microseconds to milliseconds, a sign-up's commit (an fsync) milliseconds.
    public static func prometheus() -> @Sendable () -> [UInt8] {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[ServerMetrics.Name.understanding] = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        ]
        factory.durationHistogramBuckets[ServerMetrics.Name.signupCommit] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return { registry.emitToBuffer() }
    }
}
