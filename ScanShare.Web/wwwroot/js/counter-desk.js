// The counter screen's browser side: function keys, so a clerk can work without the mouse, a chime for new shares,
// slips printed from a hidden frame, and which shares this clerk has seen.
import { chime } from "./chime.js";

const keys = ["F2", "F4", "F6", "F8", "F9"];
let handler = null;

// While a dialog is open the function keys are its own: the desk behind it must not act on them.
function dialogIsOpen() {
    return document.querySelector(".mud-dialog-container, .mud-overlay-dialog") !== null;
}

export function register(dotnet) {
    unregister();
    handler = e => {
        if (keys.includes(e.key)) {
            e.preventDefault();
            if (!dialogIsOpen()) {
                dotnet.invokeMethodAsync("OnShortcut", e.key);
            }
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

// Loads the slip into a hidden frame and prints it from there; with Chromium's --kiosk-printing it goes straight to
// the default (thermal) printer, otherwise the print dialog opens over the desk.
export function printSlip(url) {
    document.getElementById("slip-frame")?.remove();
    const frame = document.createElement("iframe");
    frame.id = "slip-frame";
    frame.setAttribute("aria-hidden", "true");
    frame.tabIndex = -1;
    frame.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden";
    // The frame never takes the focus, so the next function key still reaches the desk.
    frame.onload = () => frame.contentWindow.print();
    frame.src = url;
    document.body.appendChild(frame);
}

export function loadSeen(key) {
    try {
        return JSON.parse(localStorage.getItem(key) ?? "[]");
    } catch {
        return [];
    }
}

export function saveSeen(key, ids) {
    localStorage.setItem(key, JSON.stringify(ids));
}

// Puts the cursor in a field by its id (on the input or around it).
export function focusField(id) {
    const element = document.getElementById(id);
    const input = element?.matches("input, textarea, select") ? element : element?.querySelector("input, textarea");
    input?.focus();
    input?.select?.();
}
