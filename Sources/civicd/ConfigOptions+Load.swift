import CivicSetup
import Foundation

extension ConfigOptions {
    static let defaultConfigFile = "config/civicd.yml"

    /// The file's settings with the environment and `--data-dir` applied. A missing default file
    /// means the built-in defaults; a missing file given with `--config` is an error.
    func load() throws -> DaemonConfiguration {
        var configuration: DaemonConfiguration
        let path = config ?? Self.defaultConfigFile
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError("cannot read configuration \(path): \(error.localizedDescription)")
            }
            configuration = try DaemonConfiguration.parse(text, file: path)
        } else if config != nil {
            throw ConfigurationError("configuration file \(path) does not exist")
        } else {
            configuration = DaemonConfiguration()
        }
        if let environment = ProcessInfo.processInfo.environment["CIVICD_DATA_DIR"], !environment.isEmpty {
            configuration.dataDirectory = environment
        }
        if let dataDir { configuration.dataDirectory = dataDir }
        if let environment = ProcessInfo.processInfo.environment["CIVICD_DATABASE_URL"], !environment.isEmpty {
            configuration.databaseURL = environment
        }
        if let database { configuration.databaseURL = database.isEmpty ? nil : database }
        return configuration
    }
}
