// Loaded just after plotly.min.js: restore the AMD `define` hidden by lrlab-amd-off.js.
if (window.__lrlabDefine !== undefined) { window.define = window.__lrlabDefine; }
delete window.__lrlabDefine;
