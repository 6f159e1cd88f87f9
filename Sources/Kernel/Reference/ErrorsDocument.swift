import PluginSDK

/// `docs/errors.md`, the error code comparison table: the kernel's codes with their meaning in
/// English, Chinese and Persian side by side, the messages the kernel answers with, the order of
/// the checks and the transport failures (fixed text), and each plugin's own codes.
enum ErrorsDocument {
    static func text(_ reference: APIReference) -> String {
        var out = MarkdownReference.header + intro + "\n"
        out += "| code | en | zh | fa | typical `data` |\n|---|---|---|---|---|\n"
        for row in KernelCodes.table {
            out += "| \(row.code.rawValue) | \(cell(row.meaning.en)) | \(cell(row.meaning.zh)) | \(cell(row.meaning.fa)) | \(cell(row.data)) |\n"
        }
        out += "\n## Messages\n\nWhat `msg` says, in each language (`name`, `plugin` and the numbers stand for the real ones):\n\n"
        out += "| code | en | zh | fa |\n|---|---|---|---|\n"
        for (code, message) in KernelCodes.messages {
            out += "| \(code.rawValue) | \(cell(message.en)) | \(cell(message.zh)) | \(cell(message.fa)) |\n"
        }
        out += "\n" + checks
        out += "\n## Codes of each plugin\n\nBesides the kernel's codes above (which every action can answer as its access level allows: "
            + "see each action in [the API reference](api/README.md)), actions answer these:\n"
        for plugin in reference.plugins {
            let declared = plugin.actions.flatMap { action in action.route.reference.errors.map { (action, $0) } }
            out += "\n### \(plugin.name)\n\n"
            if declared.isEmpty {
                out += "No codes of its own; its refusals answer -1 with a message.\n"
                continue
            }
            out += "| code | action | en | zh | fa |\n|---|---|---|---|---|\n"
            for (action, error) in declared {
                out += "| \(error.code.rawValue) | [\(action.route.control)/\(action.route.action)](api/\(plugin.name).md#\(MarkdownReference.anchor(action))) | "
                    + "\(cell(error.when.en)) | \(cell(error.when.zh)) | \(cell(error.when.fa)) |\n"
            }
        }
        return out
    }

    private static func cell(_ text: String) -> String { MarkdownReference.cell(text) }

    /// The envelope and how `msg` picks its language.
    private static let intro = #"""
# Envelope and error codes (the error code comparison table)

Every answer of the plugin endpoint is one JSON object with HTTP status 200:

```json
{"msg": "success", "code": 0, "data": {}}
```

`msg` is written in the language named by the `lang` parameter: `zh` and `cht` answer in Chinese,
`fa` in Persian, anything else (and no `lang`) in the server's `default_lang` (English unless
configured). Clients branch on `code`, never on `msg`.

"""#

    /// Which check answers first, and the transport failures.
    private static let checks = #"""
## Which check answers first

A call goes through these steps in order and the first failing one answers:

1. The body is read (over `max_body_bytes`: HTTP **413**, code -5000) and parsed (malformed JSON,
   form or multipart, or an unsupported content type: -5000).
2. `pluginsname`, `pluginscontrol` and `pluginsaction` must match `^[a-z0-9_]{1,60}$` (missing:
   -5000 "missing parameter 'pluginsname'"; anything else, such as `../x`, upper case, 61
   characters, non-ASCII or an empty value: -5000 "malformed parameter ..."). No lookup happens
   before this check. On `/api.php` and `/admin.php`, `s` must be `plugins/index`.
3. The plugin must be installed (-10) and enabled (-11).
4. The action must be in the plugin's route table (-1 "plugin 'x' has no action 'c/a'").
   GET reaches only public read actions; other actions answer HTTP **405** with code -5000.
5. Parameter limits: at most 256 top-level parameters and 20,000 values in all, strings at most
   64 KiB (-5000, naming the parameter).
6. The caller's token or API key is looked up, then the route's access level is checked:
   `public` lets anyone through; `user` needs a user token (-400 otherwise); `admin` needs an
   admin token (-400 when there is none, -1000 for a user or an admin without the permission
   `plugin.control.action`); `apikey(scope)` needs an API key with the scope or an admin with the
   permission (-400 when there is none, -1000 otherwise).
7. The action runs. Its own validation errors answer -1 with a message; a storage failure
   answers -100 (or -101 for a constraint); any other error answers -1 "internal error" with a
   `request_id` matching the `X-Request-Id` header and the server log. Stack traces, SQL and file
   paths never reach the client.

## Transport failures

Only these use an HTTP status other than 200, and they still carry an envelope:

| status | when |
|---|---|
| 404 | unknown path (code -1, "unknown path") |
| 405 | GET on an action that only accepts POST (code -5000) |
| 408 | the body did not arrive in full within `body_timeout_seconds`, whether it trickled or stopped (code -5000; answered at the deadline and the connection closed) |
| 413 | body over `max_body_bytes`, or a `Content-Length` declaring more, answered before reading it (code -5000) |
| 431 | the request head (request line and headers) is over `max_header_bytes`, 16 KiB by default (code -5000, in `default_lang`; the connection is closed) |
| 503 | the server is shutting down and the body was still arriving `shutdown_grace_seconds` after SIGTERM (code -5000; the connection is closed) |

Connections that stay silent longer than `idle_timeout_seconds` (slow or stalled clients) are
closed without an answer. Requests that are not valid HTTP/1.1 (bad framing, two different
`Content-Length` headers, control bytes in headers, HTTP/2 or TLS bytes) are refused by the HTTP
layer with a bare `400 Bad Request` and the connection is closed: there is no request yet to
answer with an envelope.
"""#
}
