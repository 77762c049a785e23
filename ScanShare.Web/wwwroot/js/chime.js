// A short chime of the given tones; browsers allow sound once someone has interacted with the page.
let audio = null;

export function chime(frequencies, spacing, length, volume) {
    try {
        audio ??= new AudioContext();
        frequencies.forEach((frequency, i) => {
            const oscillator = audio.createOscillator();
            const gain = audio.createGain();
            const start = audio.currentTime + i * spacing;
            oscillator.frequency.value = frequency;
            gain.gain.setValueAtTime(volume, start);
            gain.gain.exponentialRampToValueAtTime(0.001, start + length);
            oscillator.connect(gain).connect(audio.destination);
            oscillator.start(start);
            oscillator.stop(start + length);
        });
        return true;
    } catch {
        // No audio device: the visual cue has to do.
        return false;
    }
}
