// The page's own styles (uPlot's come from its package).
export const PAGE_STYLES = `
body { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif; color: #222; margin: 0; background: #f6f7f9; }
main { width: 1180px; margin: 0 auto; padding: 16px 24px 40px; background: #fff; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 4px; }
p, li { font-size: 13px; line-height: 1.45; }
.meta { color: #555; font-size: 12px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.card { border: 1px solid #d8dde6; border-radius: 6px; padding: 8px 12px; min-width: 200px; background: #fbfcfe; }
.card .name { font-size: 12px; color: #444; font-weight: bold; }
.card .ratio { font-size: 26px; font-weight: bold; color: #1f3f66; }
.card .sub { font-size: 11px; color: #555; }
table { border-collapse: collapse; font-size: 12px; margin: 6px 0; }
th, td { border: 1px solid #dde; padding: 3px 8px; text-align: left; white-space: nowrap; }
th { background: #eef1f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.floors { font-size: 12px; }
.failures li { color: #a40000; }
.chart { margin: 10px 0 6px; }
.chart figcaption { font-size: 13px; font-weight: bold; margin-bottom: 2px; }
.chart .caption { font-size: 11px; color: #555; margin: 0; }
.pair { display: flex; gap: 20px; }
.nodata { font-size: 12px; color: #888; font-style: italic; }
.u-legend { font-size: 11px; text-align: left; }
.u-legend .u-value { display: none; }
section.scenario { border-top: 1px solid #eee; }
`;
