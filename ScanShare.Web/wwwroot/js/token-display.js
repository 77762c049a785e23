// The waiting-hall TV's voice: a chime, then each announcement in turn, never two at once. A busy hall calls faster
// than speech: a call that a newer call at the same counter has replaced, or that has left the screen, is dropped,
// and no announcement holds the line for more than a few seconds, even where the browser never says speech ended.
import { chime } from "./chime.js";

// Calls still to be said, oldest first; each is its announcements in the display's languages.
let calls = [];
let current = [];
let speaking = false;

// At most this many calls wait their turn; older ones are on the board already and are dropped.
const maxWaitingCalls = 2;

// items: [{ text, lang, chime, token, counter }] for one call; onScreen: the token ids the board shows as called.
export function announce(items, onScreen) {
    const counter = items[0]?.counter;
    const visible = new Set(onScreen ?? []);
    const stillWanted = call => call[0].counter !== counter && (visible.size === 0 || visible.has(call[0].token));
    calls = calls.filter(stillWanted);
    calls.push(items);
    calls = calls.slice(-maxWaitingCalls);
    // The rest of a call being said is dropped too once its token has left the screen or its counter called again.
    if (current.length > 0 && !stillWanted(current)) {
        current = [];
    }

    if (!speaking) {
        next();
    }
}

// Roughly how long a voice takes to say this, capped so a TV whose speech never ends still moves on.
function allowance(text) {
    return Math.min(4000, 800 + text.length * 60);
}

async function next() {
    if (current.length === 0) {
        current = calls.shift() ?? [];
    }

    const item = current.shift();
    if (!item) {
        speaking = false;
        return;
    }

    speaking = true;
    if (item.chime) {
        await callChime();
    }

    // Tests (and any kiosk integration) can watch what is said through this hook.
    window.scanShareSpeechHook?.(item.text, item.lang);
    if (!("speechSynthesis" in window)) {
        setTimeout(next, 1500);
        return;
    }

    const utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = item.lang;
    utterance.rate = 0.95;
    const voice = speechSynthesis.getVoices().find(v => v.lang === item.lang);
    if (voice) {
        utterance.voice = voice;
    }

    let done = false;
    const finish = () => {
        if (!done) {
            done = true;
            next();
        }
    };
    utterance.onend = finish;
    utterance.onerror = finish;
    setTimeout(() => {
        if (!done) {
            // The engine never reported the end: stop it, so the next call is not queued behind a stuck voice.
            speechSynthesis.cancel();
            finish();
        }
    }, allowance(item.text));
    speechSynthesis.speak(utterance);
}

function callChime() {
    chime([880, 660], 0.35, 0.6, 0.3);
    return new Promise(resolve => setTimeout(resolve, 600));
}
