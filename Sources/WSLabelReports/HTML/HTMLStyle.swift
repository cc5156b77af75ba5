/// The page's inline style sheet and its one script.
///
/// Text colours meet WCAG AA contrast (4.5:1) on their backgrounds; flag badges say their kind
/// in words and flagged LFs are diamonds in plots, so colour is never the only cue. Fonts are
/// the system's: nothing is fetched.
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #ffffff; color: var(--ink); font: 15px/1.5 \(SVGCanvas.fontFamily); }
    main { max-width: 1280px; margin: 0 auto; padding: 28px 32px 48px; }
    h1 { font-size: 28px; line-height: 1.2; margin: 0 0 6px; }
    h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
    h2.minor { font-size: 14px; font-weight: 600; color: var(--muted); border: 0; margin: 18px 0 6px; padding: 0; }
    h3 { font-size: 15px; margin: 0 0 8px; }
    code { font-family: ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace; font-size: 0.9em; }
    a { color: var(--accent); }
    .subtitle { color: var(--muted); margin: 0; }
    .subtitle code { color: var(--ink); background: var(--soft); padding: 1px 6px; border-radius: 4px; }
    .stats { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 18px 0 4px; }
    .stat { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
    .stat .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .stat .label { color: var(--muted); font-size: 13px; }
    ul.bars { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 6px 28px; }
    ul.bars li { display: flex; align-items: center; gap: 8px; font-variant-numeric: tabular-nums; }
    .class-name { font-weight: 600; }
    .meter { display: inline-block; width: 48px; height: 8px; background: #eaeef2; border-radius: 4px; overflow: hidden; vertical-align: middle; margin-right: 8px; }
    .meter > span { display: block; height: 100%; background: #0072b2; }
    nav { position: sticky; top: 0; z-index: 2; background: rgba(255, 255, 255, 0.95); border-bottom: 1px solid var(--line); padding: 8px 0; margin-top: 20px; display: flex; flex-wrap: wrap; gap: 4px 18px; }
    nav a { text-decoration: none; font-weight: 600; font-size: 14px; }
    .hint { color: var(--muted); font-size: 14px; margin: 0 0 10px; max-width: 90ch; }
    .note { background: #ddf4ff; border-left: 4px solid var(--accent); border-radius: 6px; padding: 8px 14px; font-size: 14px; max-width: 100ch; }
    .note::before { content: "Note: "; font-weight: 600; }
    .all-clear { background: #dafbe1; border-left: 4px solid #1a7f37; border-radius: 6px; padding: 8px 14px; }
    .flag-counts { margin: 0 0 8px; }
    ul.flags { list-style: none; padding: 0; margin: 0; }
    ul.flags.long { max-height: 420px; overflow-y: auto; border: 1px solid var(--line); border-radius: 8px; padding: 0 12px; }
    ul.flags li { display: grid; grid-template-columns: minmax(120px, max-content) 1fr; column-gap: 14px; padding: 6px 0; border-bottom: 1px solid #eaeef2; }
    ul.flags li div { grid-column: 2; }
    ul.flags .lf { grid-row: 1 / span 4; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
    .reason { color: var(--ink); }
    .badge { display: inline-block; padding: 0 8px; border: 1px solid; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 1.6; white-space: nowrap; }
    .badge.never-votes { background: #f6f8fa; color: #424a53; border-color: #d0d7de; }
    .badge.below-chance { background: #ffebe9; color: #a40e26; border-color: #ffcecb; }
    .badge.near-duplicate { background: #fbefff; color: #6639ba; border-color: #e8d5ff; }
    .badge.conflicts-with-most { background: #fff1e5; color: #953800; border-color: #ffd8b5; }
    details.legend { margin-top: 10px; font-size: 14px; }
    #samples details { margin: 8px 0; }
    #samples h4 { margin: 10px 0 4px; font-size: 14px; }
    ol.samples li { margin: 6px 0; font-size: 14px; }
    ol.samples p { margin: 2px 0; }
    ol.samples blockquote { margin: 2px 0; padding-left: 10px; border-left: 3px solid var(--line); white-space: pre-wrap; }
    .flag-meanings div { display: flex; gap: 10px; align-items: baseline; margin: 6px 0; }
    summary { cursor: pointer; font-weight: 600; color: var(--accent); }
    .table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
    .table-wrap.fit { display: inline-block; max-width: 100%; }
    .table-wrap.fit table { width: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; font-variant-numeric: tabular-nums; }
    th, td { padding: 6px 9px; text-align: right; white-space: nowrap; border-bottom: 1px solid #eaeef2; }
    th { background: var(--soft); font-weight: 600; vertical-align: bottom; white-space: normal; }
    .name { text-align: left; }
    .num { display: inline-block; min-width: 3.6em; text-align: right; }
    td.wrap { white-space: normal; min-width: 9em; }
    td.wrap .badge { margin: 1px 0; }
    tbody tr:hover td { background: #f6f8fa; }
    tr.flagged td { background: #fff8e6; }
    tr.flagged td:first-child { box-shadow: inset 4px 0 0 #d55e00; }
    td.below { color: #a40e26; font-weight: 700; }
    td.below::after { content: " ▼"; font-size: 10px; }
    td.few { color: var(--muted); font-style: italic; }
    .none, .share { color: var(--muted); }
    .share { font-size: 12px; }
    td.warn { background: #fff8c5; }
    .chip { display: inline-block; background: #eaeef2; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 600; }
    table.conditional tbody { border-top: 2px solid var(--line); }
    table.conditional th[scope=rowgroup] { background: #ffffff; vertical-align: top; }
    td.diagonal { font-weight: 700; }
    .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(540px, 100%), 1fr)); gap: 20px; }
    figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; min-width: 0; }
    figure.wide { grid-column: 1 / -1; }
    figure svg { display: block; max-width: 100%; height: auto; }
    .scroll { overflow-x: auto; }
    .scroll svg { max-width: none; }
    figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; }
    .pairs-title { font-size: 13px; font-weight: 600; margin: 8px 0 2px; }
    ol.pairs { font-size: 13px; margin: 0; padding-left: 22px; }
    .empty { color: var(--muted); font-style: italic; padding: 40px 0; text-align: center; }
    table.sortable thead th { cursor: pointer; }
    table.sortable thead th button { all: inherit; padding: 0; border: 0; background: none; cursor: pointer; }
    table.sortable thead th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
    table.sortable thead th button::after { content: "\\a0↕"; color: #8c959f; font-weight: 400; }
    table.sortable thead th[aria-sort=ascending] button::after { content: "\\a0▲"; color: var(--ink); }
    table.sortable thead th[aria-sort=descending] button::after { content: "\\a0▼"; color: var(--ink); }
    footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
    """

    /// Sorts the LF table by a column when its header is clicked: numbers by `data-sort`, largest
    /// first on the first click; text columns A to Z first; cells without a value always last.
    ///
    /// Written without `<` and `&`, so the page stays well-formed XML without a CDATA section.
    static let sortScript = """
    (function () {
      var table = document.getElementById("lf-table");
      if (!table) { return; }
      var body = table.tBodies[0];
      var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
      function key(row, column) {
        var value = row.cells[column].getAttribute("data-sort");
        if (value === null || value === "") { return null; }
        return headers[column].getAttribute("data-type") === "text" ? value.toLowerCase() : Number(value);
      }
      function compare(a, b) { return a === b ? 0 : (a > b ? 1 : -1); }
      table.classList.add("sortable");
      headers.forEach(function (header, column) {
        var button = document.createElement("button");
        button.type = "button";
        while (header.firstChild) { button.appendChild(header.firstChild); }
        header.appendChild(button);
        button.addEventListener("click", function () {
          var text = header.getAttribute("data-type") === "text";
          var current = header.getAttribute("aria-sort");
          var ascending = current ? current === "descending" : text;
          headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
          header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = key(a, column), y = key(b, column);
            if (x === null || y === null) { return compare(x === null, y === null) || compare(+a.dataset.order, +b.dataset.order); }
            return (ascending ? compare(x, y) : compare(y, x)) || compare(+a.dataset.order, +b.dataset.order);
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    })();
    """
}
