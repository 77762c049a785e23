// A USB or Bluetooth QR scanner acts as a keyboard: it types what it read as a burst of keystrokes, far faster than a
// person, and ends with Enter. This module takes such a burst wherever the focus is, so the clerk never clicks a field
// first. A person typing is never taken for a scanner (the gap between keys decides), function keys and shortcuts are
// never touched, and inside a text field only a burst that is an ABHA QR is taken (the field gets back what it had), so
// a scanner reading another code into a search box still works as before.

const defaults = { maxGapMs: 35, minLength: 20 };
const abhaQr = /^\s*\{[\s\S]*"(hidn|hid|phr)"\s*:/;
let handler = null;

export function register(dotnet, options) {
    unregister();
    const settings = { ...defaults, ...options };
    let burst = "";
    let lastAt = -Infinity;
    let field = null;
    let fieldValue = null;

    const reset = () => { burst = ""; field = null; fieldValue = null; };

    handler = e => {
        if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey || /^F\d{1,2}$/.test(e.key)) {
            reset();
            return;
        }

        const now = performance.now();
        const fast = now - lastAt <= settings.maxGapMs;
        if (e.key === "Shift" || e.key === "CapsLock") {
            lastAt = now;
            return;
        }

        if (e.key.length === 1) {
            if (!fast) {
                reset();
                field = editable(e.target) ? e.target : null;
                fieldValue = field ? field.value ?? field.textContent : null;
            }

            burst += e.key;
            lastAt = now;
            return;
        }

        if (e.key !== "Enter" || !fast || burst.length < settings.minLength) {
            reset();
            lastAt = now;
            return;
        }

        // A QR holding JSON over several lines: its line breaks arrive as Enter too.
        if (burst.trimStart().startsWith("{") && !balanced(burst)) {
            e.preventDefault();
            e.stopPropagation();
            burst += "\n";
            lastAt = now;
            return;
        }

        const scanned = burst;
        const inField = field;
        const before = fieldValue;
        reset();
        lastAt = now;
        if (inField && !abhaQr.test(scanned)) {
            return;
        }

        e.preventDefault();
        e.stopPropagation();
        if (inField) {
            restore(inField, before);
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

function editable(target) {
    return target instanceof HTMLElement
        && (target.isContentEditable || target.matches("input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea"));
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
