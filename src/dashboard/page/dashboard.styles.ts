/** The pages' stylesheet (inlined: `npm start` compiles TypeScript only). */
export const PAGE_STYLES = String.raw`
:root { --ink: #1d2433; --muted: #5f6b7d; --line: #dfe3ea; --card: #fff; --bg: #f3f5f8; --accent: #2458d6;
  --ok: #1f8a4c; --warn: #c77c02; --bad: #c8372d; --p50: #1f8a4c; --p85: #c77c02; --p95: #c8372d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 16px; padding: 12px 24px; background: #15203a; color: #fff; }
header h1 { font-size: 18px; margin: 0; font-weight: 600; }
header .who { margin-left: auto; display: flex; gap: 12px; align-items: center; font-size: 13px; }
header .pill { background: rgba(255,255,255,.14); border-radius: 999px; padding: 3px 10px; }
header button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.4); border-radius: 6px; padding: 3px 10px; cursor: pointer; }
main { padding: 18px 24px 32px; display: grid; gap: 16px; grid-template-columns: repeat(12, 1fr); max-width: 1440px; margin: 0 auto; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0; }
.card h2.sub { margin-top: 16px; }
.card h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 10px; font-weight: 600; }
.span4 { grid-column: span 4; } .span5 { grid-column: span 5; } .span6 { grid-column: span 6; } .span7 { grid-column: span 7; } .span8 { grid-column: span 8; } .span12 { grid-column: span 12; }
@media (max-width: 900px) { .span4, .span5, .span6, .span7, .span8 { grid-column: span 12; } }
a.key, span.key { font-weight: 600; color: var(--accent); text-decoration: none; white-space: nowrap; }
a.key:hover { text-decoration: underline; }
.slot-key { font-size: 22px; }
.slot-summary { font-size: 16px; margin: 2px 0 8px; }
.muted { color: var(--muted); }
.waiting { display: inline-block; margin-top: 6px; padding: 4px 10px; border-radius: 999px; background: #fff4dc; color: #7a4c00; font-weight: 600; }
.free { display: inline-block; padding: 4px 10px; border-radius: 999px; background: #e2f5ea; color: var(--ok); font-weight: 600; }
ol.queue, ul.plain { margin: 0; padding: 0; list-style: none; }
ol.queue li, ul.plain li { display: flex; gap: 8px; align-items: baseline; padding: 5px 0; border-bottom: 1px solid var(--line); }
ol.queue li:last-child, ul.plain li:last-child { border-bottom: 0; }
.rank { width: 22px; color: var(--muted); text-align: right; flex: none; }
.summary { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.forecast { font-size: 12px; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; flex: none; } .forecast b { color: var(--ink); font-weight: 600; }
.forecast.none { font-style: italic; }
.badge { font-size: 11px; border-radius: 4px; padding: 1px 6px; background: #eef1f6; color: var(--muted); flex: none; }
.badge.Critical, .badge.Highest { background: #fde2e0; color: var(--bad); } .badge.High { background: #fff0d6; color: var(--warn); }
.badge.failed, .badge.reverted { background: #fde2e0; color: var(--bad); } .badge.flagged, .badge.pending { background: #fff0d6; color: var(--warn); }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
th { text-align: left; color: var(--muted); font-weight: 600; padding: 4px 6px; border-bottom: 1px solid var(--line); }
td { padding: 5px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
tr:last-child td { border-bottom: 0; }
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; }
.stat .name { font-size: 12px; color: var(--muted); }
.stat .p { display: flex; gap: 10px; font-variant-numeric: tabular-nums; margin-top: 2px; }
.stat .p b { font-size: 17px; }
.stat .p span { font-size: 11px; color: var(--muted); display: block; }
svg { width: 100%; height: auto; display: block; font: 11px system-ui, sans-serif; }
svg .axis { stroke: #aeb6c4; } svg .grid { stroke: #eef1f5; } svg text:not([fill]) { fill: var(--muted); }
.empty { color: var(--muted); font-style: italic; padding: 6px 0; }
.error { color: var(--bad); }
#login { position: fixed; inset: 0; background: rgba(21,32,58,.55); display: flex; align-items: center; justify-content: center; }
#login form { background: #fff; border-radius: 12px; padding: 24px; width: min(420px, 92vw); box-shadow: 0 12px 40px rgba(0,0,0,.25); }
#login h2 { margin: 0 0 6px; font-size: 18px; }
#login input { width: 100%; padding: 9px 10px; font-size: 14px; border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; }
#login button { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 9px 16px; font-size: 14px; cursor: pointer; }
header .pill:empty { display: none; }
header a { color: #fff; }
a.history { font-size: 11px; color: var(--muted); margin-left: 5px; text-decoration: none; }
a.history:hover { text-decoration: underline; }
.slot-actions { display: flex; gap: 8px; margin-top: 12px; flex-wrap: wrap; }
.slot-actions:empty { display: none; }
button.action { font: inherit; font-size: 13px; border-radius: 6px; padding: 5px 12px; cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: #fff; }
button.action.release, button.action.abandon { background: #fff; color: var(--bad); border-color: var(--bad); }
button.action.retry, button.action.replay { background: #fff; color: var(--accent); }
td .actions { display: inline-flex; gap: 6px; margin-left: 8px; }
td button.action { font-size: 12px; padding: 1px 8px; }
.message { max-width: 1440px; margin: 14px auto 0; padding: 10px 14px; border-radius: 8px; font-weight: 600; }
.message.ok { background: #e2f5ea; color: var(--ok); } .message.error { background: #fde2e0; color: var(--bad); }
dialog { border: 0; border-radius: 12px; padding: 22px; width: min(480px, 92vw); box-shadow: 0 12px 40px rgba(0,0,0,.25); }
dialog::backdrop { background: rgba(21,32,58,.55); }
dialog h2 { margin: 0 0 8px; font-size: 17px; }
dialog label { display: block; font-size: 13px; color: var(--muted); margin-bottom: 4px; }
dialog textarea { width: 100%; font: inherit; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
dialog .buttons { display: flex; justify-content: flex-end; gap: 8px; margin-top: 14px; }
dialog button { font: inherit; border-radius: 6px; padding: 7px 14px; cursor: pointer; border: 1px solid var(--line); background: #fff; }
dialog button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
ol.timeline { list-style: none; margin: 0; padding: 0; }
ol.timeline li { display: grid; grid-template-columns: 130px 96px 1fr; gap: 10px; padding: 7px 0; border-bottom: 1px solid var(--line); align-items: baseline; }
ol.timeline li:last-child { border-bottom: 0; }
ol.timeline .what { font-weight: 600; } ol.timeline .detail { color: var(--muted); font-size: 13px; }
.badge.webhook { background: #e6eefc; color: var(--accent); } .badge.decision { background: #efe6fb; color: #6b3fb3; }
.badge.jira { background: #e2f5ea; color: var(--ok); } .badge.note { background: #fff4dc; color: #7a4c00; } .badge.operator { background: #fde2e0; color: var(--bad); }
.badge.done { background: #e2f5ea; color: var(--ok); } .badge.abandoned { background: #eef1f6; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
[hidden] { display: none !important; }
`;
