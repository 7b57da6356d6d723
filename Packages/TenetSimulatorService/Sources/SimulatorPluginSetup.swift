#if canImport(Glibc)
import Glibc
#endif
import Logging
import TenetBus
import TenetIngestClient
import TenetModels
import TenetPhilosophy
import TenetSimulator

/// Everything `tenet-simulator` does before its loop: reads the settings, the profile and the
/// philosophy, decides the segment from the saved state and connects to ingest. Kept here so
/// that the plugin's `main` stays a few lines and the steps are tested in process.
public struct SimulatorPluginSetup: Sendable {
    /// The settings read from the environment.
    public var settings: SimulatorSettings
    /// The profile, scaled.
    public var profile: SimulationProfile
    /// The philosophy, when the stack gives one.
    public var philosophy: Philosophy?
    /// The digest of what decides the events.
    public var fingerprint: String
    /// Where the state is kept (`nil`: no data directory, nothing kept).
    public var statePath: String?

    /// Reads the settings, the profile and the philosophy; `dataDirectory` is the plugin's own
    /// directory (created, mode 0700, when missing).
    public init(variables: [String: String], dataDirectory: String?) throws {
        settings = try SimulatorSettings(variables: variables)
        var profileText = SimulationProfile.standardText
        if let path = settings.profilePath {
            do {
                profile = try SimulationProfile.load(path: path)
            } catch {
                throw SimulatorSettingsError(variable: "TENET_SIMULATOR_PROFILE", message: "\(error)")
            }
            profileText = (try? String(contentsOfFile: path, encoding: .utf8)) ?? path
        } else {
            profile = SimulationProfile.standard
        }
        if settings.scale != 1 { profile = profile.scaled(by: settings.scale) }
        var philosophyDigest = ""
        if let path = variables["TENET_PHILOSOPHY"], !path.isEmpty {
            let check = PhilosophyLoader.load(path: path)
            guard let loaded = check.philosophy, check.errors.isEmpty else {
                throw SimulatorSettingsError(
                    variable: "TENET_PHILOSOPHY",
                    message: "the philosophy has errors: " + check.errors.map { $0.description(file: path) }.joined(separator: "; "))
            }
            philosophy = loaded
            philosophyDigest = check.digest
        }
        fingerprint = SimulatorSegments.fingerprint(profileText: profileText, philosophyDigest: philosophyDigest, settings: settings)
        if let dataDirectory {
            if mkdir(dataDirectory, 0o700) != 0 && errno != EEXIST {
                throw SimulatorSettingsError(variable: "TENET_DATA_DIR", message: "cannot create \(dataDirectory) (errno \(errno))")
            }
            statePath = dataDirectory + "/state.json"
        }
    }

    /// Decides the segment at wall-clock `wall`, logs why, connects to ingest at
    /// `ingestEndpoint` and returns the handler that runs it.
    public func makeHandler(
        context: ZMQContext, ingestEndpoint: String, sender: String, logger: Logger, wall: Timestamp = .now()
    ) throws -> SimulatorRequestHandler {
        var previous: SimulatorState?
        if let statePath {
            do {
                previous = try SimulatorState.load(path: statePath)
            } catch {
                logger.warning("the state in \(statePath) cannot be read (\(error)): starting afresh")
            }
        }
        let plan = try SimulatorSegments.plan(
            previous: previous, settings: settings, profile: profile, philosophy: philosophy, fingerprint: fingerprint, wall: wall)
        logger.info("\(plan.reason)")
        let pace = SimulationPace(simulatedStart: plan.state.reached, wallStart: wall, speed: settings.speed, followsWallClock: true)
        let ingest = try IngestSender(
            context: context, endpoint: ingestEndpoint, source: "simulator:" + plan.state.idPrefix, sender: sender,
            configuration: IngestSender.Configuration(keptErrors: 100))
        return SimulatorRequestHandler(
            live: LiveSimulation(simulator: plan.simulator, state: plan.state, pace: pace), sender: ingest, statePath: statePath,
            logger: logger)
    }
}
