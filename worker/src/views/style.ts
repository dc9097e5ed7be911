/**
 * The web app's one stylesheet, phone first: nothing wider than the screen, tables that scroll inside their own box
 * with the unit column in place, type of at least 14 px (12 px for the smallest notes), a collapsing header, and a
 * print sheet that prints only the token's handover slip.
 */
export const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2933; background: #f5f7fa; line-height: 1.4; font-size: 16px;
  --blue: #0b4f8a; --green: #1e6b30; --red: #b3261e; --amber: #8a5a00; --line: #cbd2d9; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.visually-hidden:focus + span, label.button:focus-within { outline: 2px solid var(--blue); }
body { margin: 0; overflow-wrap: anywhere; min-height: 100vh; background: #f5f7fa; }
a { color: var(--blue); }
h1 { font-size: 1.3rem; } h2 { font-size: 1.15rem; margin: .4rem 0 .6rem; } h3 { font-size: 1rem; margin: .8rem 0 .4rem; }
select, input, button, textarea { font: inherit; max-width: 100%; }
input, select, textarea { border: 1px solid #7b8794; border-radius: 4px; padding: .35rem .45rem; background: #fff; color: inherit; }
textarea { width: 100%; }
button, .button { display: inline-block; border: 1px solid var(--blue); background: #fff; color: var(--blue); border-radius: 4px; padding: .4rem .8rem;
  cursor: pointer; text-decoration: none; min-height: 2.5rem; }
button.primary, .button.primary { background: var(--blue); color: #fff; }
button.danger { border-color: var(--red); color: var(--red); }
button:disabled { opacity: .6; cursor: default; }
label { display: block; }
label > input:not([type=checkbox]):not([type=radio]), label > select, label > textarea { display: block; width: 100%; margin-top: .2rem; }
label.inline > select { display: inline-block; width: auto; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.muted, small { color: #52606d; }
small { font-size: .8rem; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem; margin: 0 0 .75rem; }
.grid { display: grid; gap: .6rem; }
@media (min-width: 700px) { .grid.two { grid-template-columns: 1fr 1fr; } .grid.three { grid-template-columns: repeat(3, 1fr); } }

/* sign-in */
#signin { max-width: 28rem; margin: 2rem auto; padding: 1rem; display: grid; gap: .6rem; }
#signin h1 { margin: 0; }
#signin-error { color: var(--red); min-height: 1.2em; margin: 0; }

/* header: a bar with the unit and a menu button on a phone; the plan and the views below it */
header.top { background: var(--blue); color: #fff; }
header.top .bar { display: flex; align-items: center; gap: .5rem; padding: .5rem .75rem; }
header.top .brand { font-weight: 700; font-size: 1.1rem; }
header.top .who { flex: 1; min-width: 0; font-size: .9rem; }
header.top button { background: transparent; color: #fff; border-color: #fff; }
header.top .panel { padding: 0 .75rem .6rem; display: grid; gap: .5rem; }
header.top .panel label { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
header.top select { flex: 1 1 12rem; min-width: 0; width: 100%; color: #1f2933; }
header.top nav { display: flex; flex-wrap: wrap; gap: .3rem; }
header.top nav a { color: #fff; text-decoration: none; padding: .45rem .6rem; border-radius: 4px; border: 1px solid rgba(255,255,255,.5); }
header.top nav a[aria-current=page] { background: #ffd166; color: #1f2933; border-color: #ffd166; font-weight: 600; }
@media (max-width: 699px) { header.top .panel:not(.open) { display: none; } }
@media (min-width: 700px) { .scroll-hint { display: none; } #menu { display: none; } header.top .panel { grid-template-columns: minmax(12rem, 28rem) 1fr auto; align-items: center; } }

/* notices: green and passing for success, red and staying for errors */
.notice { margin: .5rem .75rem; padding: .6rem .75rem; border-radius: 4px; }
.notice:empty { display: none; }
.notice.ok { background: #e3f4e6; color: var(--green); border: 1px solid #8fcf9a; }
.notice.err { background: #fde8e6; color: var(--red); border: 1px solid #f0a49c; }
.banner { margin: .5rem .75rem; padding: .6rem .75rem; border-radius: 4px; background: #fff4d6; border: 1px solid #e0b64a; }

main { padding: .75rem; max-width: 80rem; }
main:focus { outline: none; }

/* tables: each in its own scrolling box; the first column stays */
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { border-bottom: 1px solid var(--line); border-right: 1px solid var(--line); padding: .35rem .45rem; text-align: left; vertical-align: top; overflow-wrap: normal; }
.scroll table.sticky td { min-width: 6.5rem; }
/* on a phone, a table of facts becomes one card per row, each cell with its column's name */
@media (max-width: 600px) {
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
  table.cards tr { border-bottom: 2px solid var(--line); padding: .3rem 0; }
  table.cards tr > :first-child { position: static !important; max-width: none !important; }
  table.cards th, table.cards td { border: 0; padding: .15rem .5rem; min-width: 0 !important; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: #52606d; }
}
td.num, th.num { white-space: nowrap; text-align: right; }
thead th { background: #eef2f7; font-weight: 600; }
caption { text-align: left; font-weight: 600; padding: .4rem .5rem; }
table.matrix th.unit, table.matrix td.unit { position: sticky; left: 0; z-index: 1; background: #fff; min-width: 7.5rem; max-width: 10rem; overflow-wrap: anywhere; }
table.matrix thead th.unit { background: #eef2f7; z-index: 2; }
table.sticky tr > :first-child { position: sticky; left: 0; z-index: 1; background: #fff; min-width: 8rem; max-width: 12rem; }
table.sticky thead tr > :first-child { background: #eef2f7; }
table.matrix th.col { min-width: 8.5rem; font-weight: 500; }
table.matrix td { text-align: center; padding: 0; }
table.matrix td > a, table.matrix td > button, table.matrix td > span { display: flex; align-items: center; justify-content: center; width: 100%; min-height: 2.75rem; padding: .45rem .3rem; border: 0;
  border-radius: 0; color: inherit; background: transparent; text-decoration: none; font: inherit; font-size: .9rem; }
table.matrix tfoot td, table.matrix tfoot th { font-size: .85rem; padding: .35rem; background: #f5f7fa; }
.s-ontime { background: #1e6b30; color: #fff; } .s-late { background: #f6c34a; color: #1f2933; } .s-overdue { background: #b3261e; color: #fff; }
.s-open { background: #e3eaf2; color: #1f2933; } .s-returned { background: #7b1fa2; color: #fff; } .s-accepted { background: #0d4d1f; color: #fff; }
.s-draft { background: #e3eaf2; color: #1f2933; } .s-submitted { background: #1e6b30; color: #fff; } .s-cancelled { background: #cbd2d9; color: #1f2933; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .85rem; font-weight: 600; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem; padding: 0; margin: 0 0 .5rem; list-style: none; }
.legend li { padding: .1rem .5rem; border-radius: 999px; font-size: .85rem; }

/* lists of things owed, plans, tokens */
ul.items { list-style: none; margin: 0 0 .75rem; padding: 0; display: grid; gap: .4rem; }
ul.items > li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .75rem; }
ul.items > li.overdue { border-left: 5px solid var(--red); } ul.items > li.returned { border-left: 5px solid #7b1fa2; }
ul.items > li.open { border-left: 5px solid var(--blue); } ul.items > li.done { border-left: 5px solid var(--green); }
a.item { display: block; color: inherit; text-decoration: none; }
a.item strong { color: var(--blue); text-decoration: underline; }
.deadline { font-weight: 600; }
.late-text { color: var(--red); font-weight: 600; }
.reason { background: #f6ecfa; border: 1px solid #c79bd8; border-left: 5px solid #7b1fa2; border-radius: 4px; padding: .6rem .75rem; margin: .4rem 0; white-space: pre-wrap; }
details > summary { cursor: pointer; padding: .4rem 0; font-weight: 600; color: var(--blue); }

/* indicators: bars as HTML, so their labels keep the page's type size */
.bars { display: grid; gap: .3rem; margin: .4rem 0; }
.bars .bar-row { display: grid; grid-template-columns: minmax(4.5rem, 9rem) 1fr minmax(4.5rem, auto); gap: .5rem; align-items: center; font-size: .9rem; }
.bars .track { position: relative; height: 1.4rem; background: #eef2f7; border-radius: 3px; }
.bars .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px; background: #1e6b30; }
.bars .fill[data-met=false] { background: var(--red); }
.bars .target { position: absolute; top: -3px; bottom: -3px; width: 0; border-left: 2px dashed var(--blue); }
.bars .value { font-size: .9rem; font-weight: 600; white-space: nowrap; }
.bars .value.none { font-weight: 400; color: #52606d; }
.miss { color: var(--red); font-weight: 600; }
.met { color: var(--green); font-weight: 600; }

/* report review */
.changed { background: #fff4d6; }
.changed-mark { color: var(--amber); font-weight: 700; }
.warning { color: var(--amber); }
ol.history { padding-left: 1.2rem; }

/* forms */
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; padding: .5rem .75rem .75rem; background: #fff; min-width: 0; }
fieldset.plain { border: 0; padding: 0; margin: 0; background: none; }
legend { font-weight: 600; padding: 0 .25rem; }
.hint { font-size: .85rem; color: #52606d; margin: .1rem 0 .4rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.pair input { width: 100%; }
.rate { font-size: 1.2rem; font-weight: 700; margin-top: .3rem; display: block; }
.switch { display: flex; gap: .4rem; align-items: center; margin-top: .4rem; }
.switch input { width: 1.3rem; height: 1.3rem; }
.field-error { color: var(--red); font-size: .9rem; margin: .2rem 0 0; }
.invalid { border-color: var(--red) !important; box-shadow: 0 0 0 1px var(--red); }
.unresolved { background: #fff4d6; border-color: #e0b64a !important; }
.quote { border: 1px solid #9aa5b1; border-radius: 999px; min-height: 0; padding: 0 .4rem; font-size: .8rem; margin-left: .3rem; color: #3e4c59; }
.quote-text p { margin: 0 0 .3rem; }
.quote-text { background: #f0f4f8; border-left: 4px solid var(--blue); padding: .4rem .6rem; font-size: .9rem; margin: .3rem 0; white-space: pre-wrap; }
.editor input[type=text], .editor input:not([type]), .editor select { width: 100%; }
.editor .item { border-top: 1px dashed var(--line); padding-top: .5rem; margin-top: .5rem; }
.editor .words { font-weight: 600; color: var(--green); }
.checks { display: flex; flex-wrap: wrap; gap: .2rem .8rem; max-height: 12rem; overflow: auto; }
.checks label { display: flex; gap: .3rem; align-items: center; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin: .6rem 0; }
#report-form .actions.sticky { position: sticky; bottom: 0; background: #f5f7fa; padding: .5rem 0; margin: 0; border-top: 1px solid var(--line); }
ul.plain-list { margin: .4rem 0 0; padding-left: 1.2rem; }
ul.tree, ul.tree ul { list-style: none; padding-left: 0; margin: 0; }
ul.tree ul { padding-left: 1rem; border-left: 2px solid var(--line); margin-left: .4rem; }
ul.tree li > .node { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .3rem .6rem; padding: .3rem 0; border-bottom: 1px solid #e4e7eb; }
ul.tree li > .node > span { flex: 1 1 12rem; min-width: 0; }
ul.tree li > .node button { flex: none; min-height: 2.2rem; padding: .2rem .6rem; }
ol.attempts { list-style: none; padding-left: .5rem; margin: .3rem 0; }
.units-inline { display: flex; flex-wrap: wrap; gap: .3rem; margin: .4rem 0 0; padding: 0; list-style: none; }
.units-inline a { display: inline-block; padding: .25rem .55rem; border: 1px solid var(--line); border-radius: 999px; background: #fff; text-decoration: none; }
.units-inline a:hover, .units-inline a:focus { border-color: var(--blue); }
.receipt { border: 2px solid var(--green); background: #e3f4e6; border-radius: 6px; padding: .6rem .75rem; margin: .5rem 0; }
.receipt.late { border-color: var(--amber); background: #fff4d6; }
.secret { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .95rem; background: #f0f4f8; padding: .4rem; border-radius: 4px; word-break: break-all; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: .3rem 0; }
dl.facts dt { color: #52606d; } dl.facts dd { margin: 0; }
@media (max-width: 420px) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: .3rem; } }

/* the link to the API reference, for the IT staff, below everything */
.page-foot { margin: 2rem 1rem 1rem; font-size: .85rem; }

/* the handover slip prints alone */
#slip-host { display: none; }
@media print {
  body.print-slip > *:not(#slip-host) { display: none !important; }
  body.print-slip #slip-host { display: block; }
  .slip { font-family: "Times New Roman", serif; font-size: 13pt; color: #000; }
  .slip .secret { font-size: 12pt; border: 1px solid #000; background: none; }
  .no-print { display: none !important; }
}
`;
