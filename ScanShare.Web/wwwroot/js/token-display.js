// The waiting-hall TV's voice: a chime, then each announcement in turn, never two at once.
const pending = [];
let speaking = false;
let audio = null;

export function announce(items) {
    pending.push(...items);
    if (!speaking) {
        next();
    }
}

async function next() {
    const item = pending.shift();
    if (!item) {
        speaking = false;
        return;
    }

    speaking = true;
    if (item.chime) {
        await chime();
    }

    // Tests (and any kiosk integration) can watch what is said through this hook.
    window.scanShareSpeechHook?.(item.text, item.lang);
    if (!("speechSynthesis" in window)) {
        setTimeout(next, 1500);
        return;
    }

    const utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = item.lang;
    utterance.rate = 0.9;
    const voice = speechSynthesis.getVoices().find(v => v.lang === item.lang);
    if (voice) {
        utterance.voice = voice;
    }

    let done = false;
    const finish = () => { if (!done) { done = true; next(); } };
    utterance.onend = finish;
    utterance.onerror = finish;
    // Some TVs never fire onend; move on after a generous pause.
    setTimeout(finish, 6000);
    speechSynthesis.speak(utterance);
}

function chime() {
    return new Promise(resolve => {
        try {
            audio ??= new AudioContext();
            [880, 660].forEach((frequency, i) => {
                const oscillator = audio.createOscillator();
                const gain = audio.createGain();
                const start = audio.currentTime + i * 0.35;
                oscillator.frequency.value = frequency;
                gain.gain.setValueAtTime(0.3, start);
                gain.gain.exponentialRampToValueAtTime(0.001, start + 0.6);
                oscillator.connect(gain).connect(audio.destination);
                oscillator.start(start);
                oscillator.stop(start + 0.6);
            });
        } catch {
            // No audio: the flash on screen still shows the call.
        }
        setTimeout(resolve, 900);
    });
}
