/// The dashboard's styles: system fonts (nothing downloaded), logical properties so Persian pages
/// mirror by `dir="rtl"` alone, tables that become labelled cards below 640 px (readable at 375 px),
/// visible focus for keyboard use.
enum Stylesheet {
    static let version = Assets.fingerprint(text)

    static let text = """
        :root { --ink: #1d2430; --muted: #5b6575; --line: #d7dce3; --accent: #1f5fbf; --danger: #b3261e; --ok: #1e7a3c; --bg: #f6f7f9; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif;
          color: var(--ink); background: var(--bg); line-height: 1.5; }
        body { margin: 0; }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
        .skip { position: absolute; inset-inline-start: -999px; }
        .skip:focus { inset-inline-start: 8px; top: 8px; background: #fff; padding: 6px; z-index: 2; }
        header.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px; background: #fff;
          border-block-end: 1px solid var(--line); }
        .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 0; padding: 0; }
        .main-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; order: 3; flex-basis: 100%; }
        .main-nav a[aria-current="page"], .languages a[aria-current="true"] { font-weight: 700; text-decoration: none; color: var(--ink); }
        .languages { margin-inline-start: auto; }
        main { max-width: 1100px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.5rem; margin: 8px 0 16px; }
        h2 { font-size: 1.15rem; margin: 20px 0 8px; }
        section { margin-block: 16px; }
        form.stack, form.filters, form.store-switch { display: grid; gap: 12px; background: #fff; border: 1px solid var(--line);
          border-radius: 8px; padding: 14px; margin-block: 12px; }
        form.filters { grid-template-columns: repeat(auto-fill, minmax(160px, 1fr)); align-items: end; }
        form.store-switch { grid-template-columns: minmax(120px, 220px) auto; align-items: end; justify-content: start; padding: 8px 14px; }
        form.narrow { max-width: 420px; }
        form.inline { display: inline-flex; flex-wrap: wrap; gap: 6px; align-items: end; margin: 2px 0; }
        .field { display: flex; flex-direction: column; gap: 4px; }
        .field.check { flex-direction: row; align-items: center; gap: 6px; }
        label, legend { font-weight: 600; font-size: .9rem; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
        fieldset.choice label { font-weight: 400; margin-inline-end: 16px; }
        input, select, textarea, button { font: inherit; min-height: 40px; }
        input, select, textarea { padding: 6px 8px; border: 1px solid #9aa3b0; border-radius: 6px; background: #fff; width: 100%; }
        input[type=checkbox], input[type=radio] { width: auto; min-height: 0; }
        small { color: var(--muted); }
        button, .button { display: inline-block; padding: 8px 14px; border: 0; border-radius: 6px; background: var(--accent);
          color: #fff; cursor: pointer; text-decoration: none; }
        button.secondary { background: #e8edf5; color: var(--ink); border: 1px solid var(--line); }
        button.danger { background: var(--danger); }
        button.link { background: none; color: var(--accent); padding: 0 4px; text-decoration: underline; min-height: 0; }
        .actions { display: flex; gap: 8px; align-items: end; }
        .notice { padding: 10px 12px; border-radius: 6px; background: #e7f4ea; border: 1px solid #b6dfc1; }
        .notice.error { background: #fdecea; border-color: #f3b8b2; }
        .table-wrap { overflow-x: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-block: 12px; }
        table { width: 100%; border-collapse: collapse; }
        caption { text-align: start; font-weight: 700; padding: 10px 12px; }
        th, td { text-align: start; padding: 8px 12px; border-block-start: 1px solid var(--line); vertical-align: top; }
        th { background: #f0f2f6; font-size: .85rem; }
        .cell-actions { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
        .why { color: var(--muted); font-size: .9rem; }
        .badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: .8rem; background: #e8edf5; }
        .badge.paid, .badge.active, .badge.delivered, .badge.application-2 { background: #dff3e5; color: var(--ok); }
        .badge.failed, .badge.canceled, .badge.cancelled, .badge.refunded, .badge.application-3 { background: #fbe3e1; color: var(--danger); }
        .badge.pending, .badge.application-0, .badge.application-1 { background: #fff3cd; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; background: #fff; border: 1px solid var(--line);
          border-radius: 8px; padding: 12px; }
        dl.facts dt { font-weight: 600; color: var(--muted); }
        dl.facts dd { margin: 0; }
        .pager { display: flex; gap: 16px; align-items: center; justify-content: center; margin: 12px 0; }
        .empty { color: var(--muted); }
        .break, code { overflow-wrap: anywhere; }
        pre { overflow-x: auto; direction: ltr; text-align: left; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
        input.secret { font-family: ui-monospace, monospace; }
        img.logo { max-width: 200px; max-height: 80px; }
        [hidden] { display: none !important; }
        @media (max-width: 640px) {
          header.top { padding: 8px; }
          .languages { margin-inline-start: 0; }
          main { padding: 10px; }
          dl.facts { grid-template-columns: 1fr; }
          .table-wrap { border: 0; background: none; }
          table, thead, tbody, tr, td, caption { display: block; width: 100%; }
          thead { position: absolute; inset-inline-start: -9999px; }
          tr { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-block-end: 10px; padding: 6px 0; }
          td { border: 0; padding: 4px 12px; display: grid; grid-template-columns: 40% 1fr; gap: 8px; justify-items: start; }
          td::before { content: attr(data-label); font-weight: 600; color: var(--muted); }
          form.store-switch { grid-template-columns: 1fr auto; }
        }
        """
}
