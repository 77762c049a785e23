// The counter screen's browser side: function keys, so a clerk can work without the mouse, and a chime for new shares.
const keys = ["F2", "F4", "F6", "F8", "F9"];
let handler = null;
let audio = null;

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

// Two short rising tones; browsers allow sound once the clerk has interacted with the page.
export function chime() {
    try {
        audio ??= new AudioContext();
        [660, 880].forEach((frequency, i) => {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            const start = audio.currentTime + i * 0.18;
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(0.2, start);
            gain.gain.exponentialRampToValueAtTime(0.001, start + 0.3);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(start);
            oscillator.stop(start + 0.3);
        });
        window.scanShareChimes = (window.scanShareChimes ?? 0) + 1;
    } catch {
        // No audio device: the visual cue is enough.
    }
}
