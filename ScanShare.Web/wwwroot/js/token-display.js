// The waiting-hall TV's voice: a chime, then each announcement in turn, never two at once.
import { chime } from "./chime.js";

const pending = [];
let speaking = false;

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

function callChime() {
    chime([880, 660], 0.35, 0.6, 0.3);
    return new Promise(resolve => setTimeout(resolve, 900));
}
