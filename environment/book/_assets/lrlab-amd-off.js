// Loaded just before plotly.min.js: if RequireJS (an AMD loader) is on the page, hide its `define`
// so that plotly's UMD wrapper sets window.Plotly (which the chart outputs wait for) instead of
// registering an anonymous AMD module. lrlab-amd-on.js puts it back right after.
window.__lrlabDefine = window.define;
window.define = undefined;
