// Sound, speech and the screen lock for the session player. Each may be missing or fail, and
// none may ever stop a session: a browser without voices fails every utterance, for one.

const MUTE_KEY = "rollcoach.mute";
let audio = null;
let lock = null;
let muted = readMute();

function readMute() {
  try {
    return localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false;
  }
}

export function isMuted() {
  return muted;
}

export function setMuted(value) {
  muted = value;
  try {
    localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
  } catch {
    // Not remembered: still muted for this visit.
  }
  if (muted) hush();
}

// Browsers allow sound only after a tap or key press: call this from one.
export function wakeAudio() {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio) audio = new Context();
    if (audio && audio.state === "suspended") audio.resume().catch(() => {});
  } catch {
    audio = null;
  }
}

export function tickSound() {
  if (muted || !audio) return;
  try {
    const now = audio.currentTime;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 660;
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.08, now + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.12);
    tone.connect(gain).connect(audio.destination);
    tone.start(now);
    tone.stop(now + 0.15);
  } catch {
    // No audio output: the arrow still shows the pace.
  }
}

export function say(text) {
  if (muted || !("speechSynthesis" in window)) return;
  try {
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    utterance.onerror = () => {}; // no voice installed: the screen carries the cue
    window.speechSynthesis.speak(utterance);
  } catch {
    // Speech unavailable.
  }
}

export function hush() {
  try {
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  } catch {
    // Nothing to stop.
  }
}

export async function keepAwake(on) {
  try {
    if (on && !lock && navigator.wakeLock) {
      lock = await navigator.wakeLock.request("screen");
      lock.addEventListener("release", () => {
        lock = null;
      });
    } else if (!on && lock) {
      const held = lock;
      lock = null;
      await held.release();
    }
  } catch {
    lock = null; // refused (battery saver, hidden tab): the session carries on
  }
}
