// The counter PC's webcam as a QR reader for the patient's ABHA card or app: the browser's BarcodeDetector where it has
// one, else jsQR (vendored under /lib/jsqr) on frames drawn to a canvas. The first QR read is handed to .NET once.

let running = null;

export async function start(video, dotnet) {
    stop();
    const session = { stream: null, timer: 0, stopped: false };
    running = session;
    try {
        session.stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment", width: { ideal: 1280 } }, audio: false });
    } catch (error) {
        await dotnet.invokeMethodAsync("OnCameraError", cameraProblem(error));
        return;
    }

    if (session.stopped) {
        release(session);
        return;
    }

    video.srcObject = session.stream;
    video.setAttribute("playsinline", "");
    await video.play().catch(() => {});
    const decode = await decoder();
    await dotnet.invokeMethodAsync("OnCameraReady", decode.name);
    const canvas = document.createElement("canvas");
    const tick = async () => {
        if (session.stopped) return;
        const text = video.readyState >= 2 ? await decode.read(video, canvas).catch(() => null) : null;
        if (text && !session.stopped) {
            stop();
            await dotnet.invokeMethodAsync("OnDecoded", text);
            return;
        }
        session.timer = setTimeout(tick, 150);
    };
    tick();
}

export function stop() {
    if (running) {
        running.stopped = true;
        clearTimeout(running.timer);
        release(running);
        running = null;
    }
}

function release(session) {
    session.stream?.getTracks().forEach(track => track.stop());
}

async function decoder() {
    if ("BarcodeDetector" in window) {
        const formats = await window.BarcodeDetector.getSupportedFormats().catch(() => []);
        if (formats.includes("qr_code")) {
            const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
            return { name: "BarcodeDetector", read: async video => (await detector.detect(video))[0]?.rawValue ?? null };
        }
    }

    await loadJsQr();
    return {
        name: "jsQR",
        read: async (video, canvas) => {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            const context = canvas.getContext("2d", { willReadFrequently: true });
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            return window.jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data || null;
        },
    };
}

function loadJsQr() {
    if (window.jsQR) return Promise.resolve();
    return new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "/lib/jsqr/jsQR.js";
        script.onload = resolve;
        script.onerror = () => reject(new Error("The QR reader could not be loaded."));
        document.head.appendChild(script);
    });
}

function cameraProblem(error) {
    switch (error?.name) {
        case "NotAllowedError": return "The browser was not allowed to use the camera. Allow it for this site and try again.";
        case "NotFoundError": return "No camera was found on this computer.";
        case "NotReadableError": return "The camera is in use by another program.";
        default: return `The camera could not be started (${error?.message ?? error}).`;
    }
}
