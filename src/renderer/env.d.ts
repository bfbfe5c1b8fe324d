/// <reference types="vite/client" />

interface Window {
  /** Set by the Electron preload; absent in a plain browser, where the WebSocket client stands in. */
  readonly descent?: import('../contract/bridge').DescentBridge
}
