// Glass-to-glass latency of a playing <video>, read from the picture itself: camstream's test pattern paints its
// capture time (Unix epoch milliseconds, 48 bits, and a 16-bit check) as 32 x 2 black/white luma blocks across the
// top of every frame (streamer/.../testpattern/LumaTimestampCodec.java). For each frame the browser presents, this
// draws the band to a canvas, reads the blocks back and subtracts the capture time from the moment the frame is
// shown: requestVideoFrameCallback's expectedDisplayTime, or the callback's own time when that is later (headless
// Chromium has no real display, so its expected time can run a few ms early). Same machine, same clock.
// Injected by the benchmark (WallLatencyBenchmark), never served by the wall.
(function () {
  const COLUMNS = 32;
  const ROWS = 2;
  const MASK64 = (1n << 64n) - 1n;

  function check(millis) {
    let h = (millis * 0x9E3779B97F4A7C15n) & MASK64;
    h ^= h >> 29n;
    h = (h * 0xBF58476D1CE4E5B9n) & MASK64;
    return (h >> 48n) & 0xffffn;
  }

  /** The capture time coded in the band of an RGBA image {@code width} wide, or null when it carries none. */
  function decode(pixels, width) {
    const block = width / COLUMNS;
    const radius = Math.max(1, Math.floor(block / 4));
    let word = 0n;
    for (let row = 0; row < ROWS; row++) {
      const cy = Math.floor((row + 0.5) * block);
      for (let col = 0; col < COLUMNS; col++) {
        const cx = Math.floor((col + 0.5) * block);
        let sum = 0;
        let n = 0;
        for (let y = cy - radius; y < cy + radius; y++) {
          for (let x = cx - radius; x < cx + radius; x++) {
            const i = (y * width + x) * 4;
            sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
            n++;
          }
        }
        word = (word << 1n) | (sum / n > 127.5 ? 1n : 0n);
      }
    }
    const millis = word >> 16n;
    return (word & 0xffffn) === check(millis) ? Number(millis) : null;
  }

  /**
   * Measures {@code video} for {@code seconds}; resolves to {samples: [ms...], frames, undecodable}.
   */
  function measure(video, seconds) {
    return new Promise((resolve) => {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true });
      const samples = [];
      let frames = 0;
      let undecodable = 0;
      const end = performance.now() + seconds * 1000;
      const onFrame = (now, metadata) => {
        const width = video.videoWidth;
        const band = Math.ceil(ROWS * width / COLUMNS);
        if (width > 0) {
          if (canvas.width !== width || canvas.height !== band) {
            canvas.width = width;
            canvas.height = band;
          }
          context.drawImage(video, 0, 0, width, band, 0, 0, width, band);
          const captured = decode(context.getImageData(0, 0, width, band).data, width);
          frames++;
          if (captured === null) {
            undecodable++;
          } else {
            samples.push(performance.timeOrigin + Math.max(now, metadata.expectedDisplayTime) - captured);
          }
        }
        if (performance.now() < end) {
          video.requestVideoFrameCallback(onFrame);
        } else {
          resolve({ samples, frames, undecodable });
        }
      };
      video.requestVideoFrameCallback(onFrame);
    });
  }

  window.camstreamLatency = { measure, decode };
})();
