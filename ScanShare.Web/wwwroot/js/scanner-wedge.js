// A USB or Bluetooth QR scanner acts as a keyboard: it types what it read as a burst of keystrokes, far faster than a
// person, and ends with Enter. This module takes such a burst wherever the focus is, so the clerk never clicks a field
// first. A person typing is never taken for a scanner (the gaps between keys decide), function keys and shortcuts are
// never touched, and inside a text field only a burst that is an ABHA QR is taken (the field gets back what it held),
// so a scanner reading another code into a search box works as before.

// maxGapMs: the longest gap between a scanner's keys. hiccupMs: a longer stall that a scanner (a Bluetooth link, a busy
// PC) may still make now and then, allowed once per 20 characters; a longer gap ends any burst.
const defaults = { maxGapMs: 35, minLength: 20, hiccupMs: 500 };
const abhaQr = /^\s*\{[\s\S]*"(hidn|hid|phr)"\s*:/;
const maxKeys = 4096;
let handler = null;

export function register(dotnet, options) {
    unregister();
    const settings = { ...defaults, ...options };
    let keys = [];
    let lastAt = -Infinity;

    handler = e => {
        const now = performance.now();
        const gap = now - lastAt;
        if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey || /^F\d{1,2}$/.test(e.key)) {
            keys = [];
            return;
        }

        if (e.key === "Shift" || e.key === "CapsLock") {
            return;
        }

        lastAt = now;
        if (e.key.length === 1) {
            const field = editable(e.target) ? e.target : null;
            keys.push({ key: e.key, gap, field, before: field ? valueOf(field) : null });
            if (keys.length > maxKeys) keys.shift();
            return;
        }

        if (e.key !== "Enter" || gap > settings.hiccupMs) {
            keys = [];
            return;
        }

        const start = burstStart(keys, settings);
        const scanned = keys.slice(start).map(k => k.key).join("");
        if (scanned.length < settings.minLength || !scannerPace(keys, start, settings)) {
            keys = [];
            return;
        }

        // A QR holding JSON over several lines: its line breaks arrive as Enter too.
        if (scanned.trimStart().startsWith("{") && !balanced(scanned)) {
            e.preventDefault();
            e.stopPropagation();
            keys.push({ key: "\n", gap, field: keys[keys.length - 1].field, before: null });
            return;
        }

        const { field, before } = keys[start];
        keys = [];
        if (field && !abhaQr.test(scanned)) {
            return;
        }

        e.preventDefault();
        e.stopPropagation();
        if (field) {
            restore(field, before);
        }

        dotnet.invokeMethodAsync("OnScanned", scanned);
    };
    document.addEventListener("keydown", handler, true);
}

export function unregister() {
    if (handler) {
        document.removeEventListener("keydown", handler, true);
        handler = null;
    }
}

// Where the burst ending now began: after the last real pause, less any slow keys a person typed before the scanner's.
function burstStart(keys, settings) {
    let start = keys.length - 1;
    while (start > 0 && keys[start].gap <= settings.hiccupMs) start--;
    while (start < keys.length - 1 && keys[start + 1].gap > settings.maxGapMs) start++;
    return start;
}

// A scanner's pace: every gap short, but for a stall now and then (one per 20 keys); a person's typing is all stalls.
function scannerPace(keys, start, settings) {
    const stalls = keys.slice(start + 1).filter(k => k.gap > settings.maxGapMs).length;
    return stalls <= Math.floor((keys.length - start) / 20);
}

function editable(target) {
    return target instanceof HTMLElement
        && (target.isContentEditable || target.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea"));
}

function valueOf(field) {
    return field.isContentEditable ? field.textContent : field.value;
}

function balanced(text) {
    let depth = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === "\\") i++;
            else if (c === "\"") quoted = false;
        } else if (c === "\"") quoted = true;
        else if (c === "{") depth++;
        else if (c === "}") depth--;
    }
    return depth <= 0;
}

// The scan's keystrokes went into the field as they came; it gets back what it held, and Blazor hears of it.
function restore(field, value) {
    if (field.isContentEditable) {
        field.textContent = value ?? "";
    } else {
        field.value = value ?? "";
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
}
