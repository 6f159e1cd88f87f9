import Kernel
import PluginSDK

/// `/docs`: the API reference, server-rendered from the route tables of the enabled plugins
/// (`APIReference`, the walk the OpenAPI document and `invoice-server docs` use), in the page's
/// language where a route declares one. Public; `?plugin=name` shows one plugin.
enum ReferencePage {
    static func show(_ context: PageContext) -> DashboardResponse {
        let reference = APIReference(context.client.kernel.access.registry)
        var plugins = reference.plugins
        if let only = context.request.query.values["plugin"]?.stringValue, !only.isEmpty {
            plugins = plugins.filter { $0.name == only }
            if plugins.isEmpty { return ErrorPage.show(context, status: 404, message: context.t(ReferenceText.unknownPlugin(only))) }
        }
        let contents = plugins.map { plugin -> HTML in "<li><a href=\"#\(plugin.name)\">\(plugin.name)</a> (\(plugin.actions.count))</li>" }.joined
        let body: HTML = """
            <p>\(code(context.t(ReferenceText.intro)))</p>
            <nav aria-label="\(context.t(ReferenceText.plugins))"><ul>\(contents)<li><a href="#batch">\(context.t(BatchReference.title))</a></li><li><a href="#codes">\(context.t(ReferenceText.codeTable))</a></li></ul></nav>
            \(plugins.map { section(context, $0) })
            \(batch(context))
            \(codeTable(context))
            """
        return .page(Layout.page(context, title: context.t(ReferenceText.title), body))
    }

    private static func section(_ context: PageContext, _ plugin: APIReference.PluginEntry) -> HTML {
        let rows = plugin.actions.map { action -> [HTML] in
            [
                "<a href=\"#\(anchor(action))\"><code>\(action.route.control)/\(action.route.action)</code></a>", "\(action.route.access.name)",
                "\(context.t(action.route.localizedSummary))",
            ]
        }
        let table = Components.table(
            context, caption: plugin.manifest.title,
            headers: [context.t(ReferenceText.action), context.t(ReferenceText.access), context.t(ReferenceText.summary)], rows: rows)
        return """
            <section id="\(plugin.name)"><h2>\(plugin.name): \(plugin.manifest.title) \(plugin.manifest.version)</h2>
            <p>\(plugin.manifest.description)</p>\(table)\(plugin.actions.map { action(context, $0) })</section>
            """
    }

    private static func action(_ context: PageContext, _ action: APIReference.Action) -> HTML {
        let route = action.route
        let answers = route.fileType.map { context.t(ReferenceText.file($0)) } ?? context.t(ReferenceText.envelope)
        let facts = Components.facts([
            (context.t(ReferenceText.path), "<code>POST \(action.path)</code>\(route.allowsGET ? " (GET)" : "")"),
            (context.t(ReferenceText.otherForms), action.otherForms.map { form -> HTML in "<code class=\"break\">\(form)</code> " }.joined),
            (context.t(ReferenceText.access), code(context.t(action.accessText))),
            (context.t(ReferenceText.answers), "\(answers)"),
        ])
        let params: HTML =
            route.params.isEmpty
            ? "<p>\(context.t(ReferenceText.noParameters))</p>"
            : Components.table(
                context, caption: context.t(ReferenceText.parameters),
                headers: [
                    context.t(ReferenceText.name), context.t(ReferenceText.type), context.t(ReferenceText.required), context.t(ReferenceText.limits),
                    context.t(ReferenceText.description),
                ],
                rows: route.params.map { param -> [HTML] in
                    [
                        "<code>\(param.name)</code>", "\(ParamText.type(param))", "\(context.t(param.required ? CommonText.yes : CommonText.no))",
                        code(ParamText.limits(param)), "\(ParamText.description(param))",
                    ]
                })
        let errors = Components.table(
            context, caption: context.t(ReferenceText.errors), headers: [context.t(ReferenceText.code), context.t(ReferenceText.when)],
            rows: action.errors.map { error -> [HTML] in ["\(error.code.rawValue)", "\(context.t(error.when))"] })
        return """
            <article id="\(anchor(action))"><h3><code>\(action.name)</code></h3><p>\(context.t(route.localizedSummary))</p>\(facts)
            <h4>\(context.t(ReferenceText.parameters))</h4>\(params)
            <h4>\(context.t(ReferenceText.example))</h4><pre><code>\(PrettyJSON.text(.object(action.example)))</code></pre>
            <h4>\(context.t(ReferenceText.errors))</h4>\(errors)</article>
            """
    }

    private static func batch(_ context: PageContext) -> HTML {
        """
        <section id="batch"><h2>\(context.t(BatchReference.title))</h2>\(BatchReference.paragraphs.map { paragraph -> HTML in "<p>\(code(context.t(paragraph)))</p>" })
        <pre><code>\(PrettyJSON.text(BatchReference.exampleRequest))</code></pre><p>\(context.t(ReferenceText.exampleAnswer))</p><pre><code>\(PrettyJSON.text(BatchReference.exampleAnswer))</code></pre></section>
        """
    }

    private static func codeTable(_ context: PageContext) -> HTML {
        let table = Components.table(
            context, caption: context.t(ReferenceText.codeTable), headers: [context.t(ReferenceText.code), context.t(ReferenceText.meaning)],
            rows: KernelCodes.table.map { row -> [HTML] in ["\(row.code.rawValue)", code(context.t(row.meaning))] })
        return "<section id=\"codes\"><h2>\(context.t(ReferenceText.codeTable))</h2>\(table)</section>"
    }

    /// The anchor of an action: `plugin-control-action`.
    static func anchor(_ action: APIReference.Action) -> String {
        "\(action.plugin)-\(action.route.control)-\(action.route.action)"
    }

    /// Text whose `backticked` parts are shown as code; everything escaped.
    private static func code(_ text: String) -> HTML {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part -> HTML in
            index % 2 == 1 ? "<code>\(String(part))</code>" : "\(String(part))"
        }.joined
    }
}
