// Function keys for the counter screen, so a clerk can work without the mouse.
const keys = ["F2", "F4", "F8", "F9"];
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
