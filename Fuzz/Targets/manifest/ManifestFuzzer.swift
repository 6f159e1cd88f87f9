import FuzzCheck
@testable import PluginSDK
@testable import RemotePlugins

/// The remote-plugin manifest reader (`RemoteManifest.parse`), fed any JSON text.
///
/// Properties: a refusal is -5000 naming a `manifest` field; an accepted manifest keeps every
/// bound it promises - plugin, control, action and scope names of `[a-z0-9_]{1,60}`, 1 to 200
/// distinct actions, at most 50 distinct valid event names, a timeout of 1 to 30 s, texts within
/// their byte limits - and reads back the same from the form it is stored in.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let json = try? JSON.parse(bytes(data, count)) else { return 0 }
    let manifest: RemoteManifest
    do {
        manifest = try RemoteManifest.parse(json)
    } catch {
        require(error.code == .badParameter, "a refusal answers -5000")
        require(error.message.en.contains("'manifest"), "a refusal names the manifest field: \(error.message.en)")
        return 0
    }
    require(PluginName.isValid(manifest.name), "the name is a plugin name")
    require(!manifest.version.isEmpty && manifest.version.utf8.count <= 40, "the version is 1 to 40 bytes")
    require(manifest.title.utf8.count <= 255 && manifest.author.utf8.count <= 255, "title and author are at most 255 bytes")
    require(manifest.description.utf8.count <= 2_000, "the description is at most 2,000 bytes")
    require((1...200).contains(manifest.actions.count), "1 to 200 actions")
    for action in manifest.actions {
        require(PluginName.isValid(action.control) && PluginName.isValid(action.action), "controls and actions are plugin names")
        require(action.summary.utf8.count <= 255, "a summary is at most 255 bytes")
        if case .apiKey(let scope) = action.access { require(PluginName.isValid(scope), "an API-key scope is a plugin name") }
    }
    let routes = manifest.actions.map { "\($0.control)/\($0.action)" }
    require(Set(routes).count == routes.count, "no action is declared twice")
    require(manifest.events.count <= 50 && Set(manifest.events).count == manifest.events.count, "at most 50 distinct events")
    require(manifest.events.allSatisfy { EventName.isValid($0) }, "event names are valid")
    require((1...30).contains(manifest.timeoutSeconds), "the timeout is 1 to 30 seconds")

    let stored = manifest.json.serialized()
    guard let reread = try? RemoteManifest.parse(JSON.parse(stored)) else {
        require(false, "the stored form reads back: \(String(decoding: stored, as: UTF8.self))")
        return 0
    }
    require(reread == manifest, "the stored form reads back the same")
    return 0
}
