// The widget's styles live in its shadow root (constructed stylesheets: a store's Content-Security-Policy that
// forbids inline styles does not apply to them), so the store's CSS and ours never meet.
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; border-radius: 50%; border: none; cursor: pointer;
  background: #2457c5; color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25);
  display: grid; place-items: center;
}
.launcher:focus-visible, button:focus-visible, textarea:focus-visible { outline: 3px solid #f5b700; outline-offset: 2px; }
.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483000;
  width: min(380px, calc(100vw - 24px)); height: min(560px, calc(100vh - 120px));
  display: flex; flex-direction: column; background: #fff; color: #1d2430;
  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; font-size: 14px;
}
.panel[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: #2457c5; color: #fff; }
.head h2 { margin: 0; font-size: 16px; flex: 1; }
.head button { background: none; border: none; color: #fff; font-size: 20px; cursor: pointer; line-height: 1; }
.status { padding: 6px 14px; font-size: 12px; background: #eef3fd; color: #2457c5; }
.status[hidden] { display: none; }
.log { flex: 1; overflow-y: auto; margin: 0; padding: 12px; list-style: none; display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 85%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
.msg .who { display: block; font-size: 11px; opacity: .7; margin-bottom: 2px; }
.msg.customer { align-self: flex-end; background: #2457c5; color: #fff; }
.msg.bot { align-self: flex-start; background: #eef0f3; }
.msg.agent { align-self: flex-start; background: #dcfce7; }
.msg.pending { opacity: .6; }
.rate { display: flex; gap: 4px; margin-top: 6px; }
.thumb { border: 1px solid #c9ced6; background: #fff; color: #5d6673; border-radius: 6px; padding: 3px 6px; cursor: pointer; line-height: 0; }
.thumb.down svg { transform: scaleY(-1); }
.thumb[aria-pressed='true'] { background: #2457c5; border-color: #2457c5; color: #fff; }
.msg.failed { outline: 1px solid #b42318; }
.note { align-self: center; font-size: 12px; color: #5d6673; }
.empty { color: #5d6673; font-size: 13px; align-self: center; text-align: center; margin-top: 24px; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #dde1e6; }
textarea { flex: 1; resize: none; height: 42px; max-height: 120px; padding: 10px; border: 1px solid #dde1e6; border-radius: 8px; font-size: 14px; }
.send { border: none; border-radius: 8px; background: #2457c5; color: #fff; padding: 0 14px; cursor: pointer; font-size: 14px; }
.send:disabled { opacity: .5; cursor: default; }
.error { color: #b42318; font-size: 12px; padding: 0 12px 8px; margin: 0; }
.error:empty { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100dvh; border-radius: 0; }
  .launcher { right: 14px; bottom: 14px; }
}
`;
