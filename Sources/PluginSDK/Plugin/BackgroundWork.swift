/// A plugin that works outside requests (the scheduler). The server runs `runInBackground` for
/// each enabled plugin that conforms, from start until shutdown, when the task is cancelled.
/// The work should check `services.isEnabled` on each round (an admin may disable it) and read
/// `services.config` afresh.
public protocol BackgroundWork: Plugin {
    func runInBackground(_ services: PluginServices) async throws
}
