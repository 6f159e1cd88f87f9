import PluginSDK

/// Everything `invoice-server docs` writes: docs/api/README.md, docs/api/<plugin>.md,
/// docs/errors.md and the Postman collection, generated from the route tables of the enabled
/// plugins. The examples run twice, each time against a fresh kernel that `openKernel` makes
/// (in an empty data folder, with a fixed clock), so every documented answer is one the code
/// really gave, and a value that differs between the runs is shown as `(varies)`.
public enum ReferenceDocuments {
    /// The path of each file under the docs folder, and its text.
    public static func generate(openKernel: () async throws -> Kernel) async throws -> [(path: String, text: String)] {
        let kernel = try await openKernel()
        defer { kernel.shutdown() }
        // A second apart, so a time read from the system clock (not the kernel's) differs too.
        try await Task.sleep(for: .milliseconds(1_100))
        let again = try await openKernel()
        defer { again.shutdown() }
        let reference = APIReference(kernel.access.registry)
        let setup = ReferenceSetup.requests(reference)
        let examples = reference.actions.map(ExampleRequest.init)
        var runs: [[RecordedAnswer]] = []
        for run in [kernel, again] {
            try await ReferenceSetup.createAccounts(run.access.accounts)
            runs.append(try await ExampleRun.record(run, setup + examples, variables: ReferenceSetup.variables(baseURL: "")))
        }
        let answers = ExampleRun.merged(runs[0], runs[1])
        let exampleAnswers = Array(answers.dropFirst(setup.count))
        var files: [(path: String, text: String)] = [("api/README.md", MarkdownReference.index(reference))]
        for plugin in reference.plugins {
            files.append(("api/\(plugin.name).md", MarkdownReference.plugin(plugin, requests: examples, answers: exampleAnswers)))
        }
        files.append(("errors.md", ErrorsDocument.text(reference)))
        let collection = PostmanCollection.build(reference, setup: setup, examples: examples, answers: answers, version: Kernel.version)
        files.append(("postman/invoice-server.postman_collection.json", PrettyJSON.text(collection) + "\n"))
        return files
    }
}
