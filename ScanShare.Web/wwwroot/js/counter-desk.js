// The counter screen's browser side: function keys, so a clerk can work without the mouse, and a chime for new shares.
import { chime } from "./chime.js";

const keys = ["F2", "F4", "F6", "F8", "F9"];
let handler = null;

export function register(dotnet) {
    unregister();
    handler = e => {
        if (keys.includes(e.key)) {
            e.preventDefault();
            dotnet.invokeMethodAsync("OnShortcut", e.key);
        }
    };
    document.addEventListener("keydown", handler);
}

export function unregister() {
    if (handler) {
        document.removeEventListener("keydown", handler);
        handler = null;
    }
}

// Two short rising tones for a new share.
export function newShareChime() {
    chime([660, 880], 0.18, 0.3, 0.2);
    window.scanShareChimes = (window.scanShareChimes ?? 0) + 1;
}
