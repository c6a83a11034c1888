// camstream camera wall. Plain script, no build step: the operator serves it as is.
// Every URL is relative to the page, so the wall works under any path prefix of an Ingress.
// Data: api/wall/events (server-sent events, the same JSON as api/wall). Video, only while a tile is on screen:
// WebRTC, signalled through the wall (whep/...) with the ICE servers MediaMTX names in its Link headers, media
// straight from MediaMTX; where that media path is not reachable, low-latency HLS through the wall (hls/...) with the
// pinned hls.js. A tile says which it plays.
'use strict';

(function () {
  const PLAYABLE = new Set(['publishing', 'confirming']);
  const RETRY_MS = [2000, 4000, 8000, 15000];
  /** How long WebRTC may take to find a media path before the tile plays HLS instead. */
  const WEBRTC_CONNECT_MS = 8000;
  const SIGNALLING_MS = 10000;
  /** Over HTTP/1.1 a browser opens six connections per server; each LL-HLS tile holds one for blocking requests. */
  const HTTP1_LOW_LATENCY_TILES = 4;
  const SNAPSHOT_EVERY_MS = 2000;
  const SNAPSHOT_WIDTH = 480;
  const LAYOUT_KEY = 'camstream.wall.layout.v1';
  const SIZES = ['m', 'l', 'xl'];
  const SIZE_LABELS = { m: 'normal', l: 'large', xl: 'larger' };
  /** Columns a tile spans, as its size button shows it. */
  const SIZE_SPANS = { m: '1×', l: '2×', xl: '3×' };

  const wallElement = document.getElementById('wall');
  const emptyElement = document.getElementById('empty');
  const summaryElement = document.getElementById('summary');
  const connectionElement = document.getElementById('connection');

  /** key "namespace/name/camera" -> tile controller */
  const tiles = new Map();
  /** key "namespace/name" -> stream section controller */
  const streams = new Map();
  let viewer = null;

  // ---------------------------------------------------------------- formatting

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined && text !== null) {
      element.textContent = text;
    }
    return element;
  }

  function button(className, text, label) {
    const element = el('button', className, text);
    element.type = 'button';
    if (label) {
      element.setAttribute('aria-label', label);
      element.title = label;
    }
    return element;
  }

  function bitrate(kbps) {
    if (kbps === undefined || kbps === null) {
      return '—';
    }
    return kbps >= 1000 ? (kbps / 1000).toFixed(1) + ' Mb/s' : kbps + ' kb/s';
  }

  function video(camera) {
    if (!camera.codec) {
      return '—';
    }
    return camera.width && camera.height ? camera.codec + ' ' + camera.width + '×' + camera.height : camera.codec;
  }

  function duration(ms) {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) {
      return s + ' s';
    }
    const m = Math.floor(s / 60);
    if (m < 60) {
      return m + ' min';
    }
    const h = Math.floor(m / 60);
    if (h < 48) {
      return h + ' h ' + (m % 60) + ' min';
    }
    return Math.floor(h / 24) + ' days';
  }

  function clock(time) {
    const at = new Date(time);
    return at.toDateString() === new Date().toDateString() ? at.toLocaleTimeString()
      : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function sinceText(camera) {
    if (!camera.since) {
      return camera.stateLabel;
    }
    const at = new Date(camera.since);
    return camera.stateLabel + ' for ' + duration(Date.now() - at.getTime()) + ' · since ' + clock(at);
  }

  /** The status message without its leading "<state> since <time>:", which the since line already says. */
  function reason(camera) {
    const message = camera.message || '';
    return message.replace(/^[a-z ]+ since \S+?Z(: |; )?/, '');
  }

  function setBadge(element, state, label) {
    element.dataset.state = state;
    element.textContent = label;
  }

  function fact(list, term, value) {
    const row = el('div');
    row.append(el('dt', null, term), el('dd', null, value));
    list.append(row);
  }

  // ---------------------------------------------------------------- layout, kept per browser

  const layout = {
    data: { order: {}, size: {} },

    load() {
      try {
        const stored = JSON.parse(window.localStorage.getItem(LAYOUT_KEY) || 'null');
        if (stored && typeof stored === 'object') {
          this.data = { order: stored.order || {}, size: stored.size || {} };
        }
      } catch (e) {
        // no storage (private mode) or something else stored there: the default layout
      }
    },

    save() {
      try {
        window.localStorage.setItem(LAYOUT_KEY, JSON.stringify(this.data));
      } catch (e) {
        // the layout lasts for this page only
      }
    },

    /** The cameras of a stream in the order this browser keeps; cameras it has not seen keep the spec's order. */
    ordered(streamKey, cameras) {
      const order = this.data.order[streamKey] || [];
      const rank = (camera) => {
        const index = order.indexOf(camera.name);
        return index < 0 ? order.length : index;
      };
      return cameras.map((camera, index) => ({ camera, index }))
        .sort((a, b) => rank(a.camera) - rank(b.camera) || a.index - b.index)
        .map((entry) => entry.camera);
    },

    setOrder(streamKey, names) {
      this.data.order[streamKey] = names;
      this.save();
    },

    size(tileKey) {
      return SIZES.includes(this.data.size[tileKey]) ? this.data.size[tileKey] : SIZES[0];
    },

    setSize(tileKey, size) {
      if (size === SIZES[0]) {
        delete this.data.size[tileKey];
      } else {
        this.data.size[tileKey] = size;
      }
      this.save();
    },
  };

  // ---------------------------------------------------------------- connections per server

  const navigation = performance.getEntriesByType ? performance.getEntriesByType('navigation')[0] : null;
  /** HTTP/2 or 3 to the wall: any number of tiles may hold a low-latency playlist request. */
  const multiplexed = Boolean(navigation && /^h[23]/.test(navigation.nextHopProtocol || ''));
  let lowLatencyInUse = 0;

  function takeLowLatency() {
    if (multiplexed) {
      return true;
    }
    if (lowLatencyInUse < HTTP1_LOW_LATENCY_TILES) {
      lowLatencyInUse += 1;
      return true;
    }
    return false;
  }

  function releaseLowLatency() {
    if (!multiplexed) {
      lowLatencyInUse = Math.max(0, lowLatencyInUse - 1);
    }
  }

  // ---------------------------------------------------------------- WebRTC reachability, per CameraStream

  /** key "namespace/name" -> {state: 'ok' | 'unreachable', reason} once a tile of that stream found out */
  const webrtcReach = new Map();

  function webrtcUnreachable(streamKey) {
    const known = webrtcReach.get(streamKey);
    return known && known.state === 'unreachable' ? known.reason : null;
  }

  function noteWebrtc(streamKey, state, why) {
    const known = webrtcReach.get(streamKey);
    if (state === 'unreachable' && known && known.state === 'ok') {
      return; // another tile of this server plays WebRTC: this failure is the tile's own
    }
    webrtcReach.set(streamKey, { state, reason: why });
    if (state === 'unreachable') {
      for (const tile of tiles.values()) {
        if (tile.streamKey === streamKey) {
          tile.refreshPlayback();
        }
      }
    }
  }

  // ---------------------------------------------------------------- players

  /** Plays one HLS URL into a <video> with hls.js (native HLS where hls.js cannot run), retrying on failure. */
  class HlsPlayer {
    constructor(videoElement, url, report) {
      this.video = videoElement;
      this.url = url;
      this.report = report;
      this.attempt = 0;
      this.retryTimer = null;
      this.hls = null;
      this.lowLatency = false;
      this.stopped = false;
      this.onPlaying = () => { this.attempt = 0; this.report(null); };
      this.video.addEventListener('playing', this.onPlaying);
      this.start();
    }

    label() {
      return this.lowLatency ? 'LL-HLS' : 'HLS';
    }

    start() {
      if (this.stopped) {
        return;
      }
      this.report('Connecting…');
      if (window.Hls && window.Hls.isSupported()) {
        this.lowLatency = takeLowLatency();
        // Low-latency mode aims at PART-HOLD-BACK behind live (MediaMTX: a few parts), following its parts with
        // blocking playlist requests. Playback can only start at a keyframe, up to a GOP behind that target; a
        // little faster playback closes the gap. The first playlist may take several keyframe intervals: MediaMTX
        // starts the muxer on that request.
        const hls = new window.Hls({
          enableWorker: false,
          lowLatencyMode: this.lowLatency,
          maxLiveSyncPlaybackRate: 1.5,
          maxBufferLength: 6,
          backBufferLength: 4,
          manifestLoadingTimeOut: 65000,
          manifestLoadingMaxRetry: 1,
          levelLoadingTimeOut: 35000,
          fragLoadingTimeOut: 35000,
        });
        hls.on(window.Hls.Events.MANIFEST_PARSED, () => this.play());
        hls.on(window.Hls.Events.ERROR, (event, data) => {
          if (data.fatal) {
            this.retry(data.response && data.response.code ? 'HTTP ' + data.response.code : data.details);
          }
        });
        hls.loadSource(this.url);
        hls.attachMedia(this.video);
        this.hls = hls;
      } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
        this.video.src = this.url;
        this.video.onerror = () => this.retry('playback error');
        this.play();
      } else {
        this.report('This browser cannot play HLS');
      }
    }

    play() {
      const promise = this.video.play();
      if (promise) {
        promise.catch(() => { /* autoplay of a muted video is allowed; a stop() in between rejects */ });
      }
    }

    /** Seconds between now and the capture time (EXT-X-PROGRAM-DATE-TIME) of the frame on screen. */
    behindLive() {
      const date = this.hls ? this.hls.playingDate : null;
      return date ? (Date.now() - date.getTime()) / 1000 : null;
    }

    retry(why) {
      this.teardown();
      if (this.stopped) {
        return;
      }
      const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
      this.attempt += 1;
      this.report('No video (' + why + '); retrying in ' + Math.round(delay / 1000) + ' s');
      this.retryTimer = setTimeout(() => this.start(), delay);
    }

    teardown() {
      clearTimeout(this.retryTimer);
      if (this.hls) {
        this.hls.destroy();
        this.hls = null;
        if (this.lowLatency) {
          releaseLowLatency();
          this.lowLatency = false;
        }
      }
      this.video.removeAttribute('src');
      this.video.load();
    }

    stop() {
      this.stopped = true;
      this.video.removeEventListener('playing', this.onPlaying);
      this.teardown();
    }
  }

  /** RFC 8840-style quoting of Link header parameters, as MediaMTX writes TURN credentials. */
  function unquote(value) {
    return value.replace(/\\(.)/g, '$1');
  }

  /** `<turn:host:3478>; rel="ice-server"; username="u"; credential="p"; credential-type="password"`, comma-joined. */
  function iceServersFrom(links) {
    const servers = [];
    if (!links) {
      return servers;
    }
    const pattern = /<([^>]+)>\s*;\s*rel="ice-server"(?:\s*;\s*username="((?:[^"\\]|\\.)*)"\s*;\s*credential="((?:[^"\\]|\\.)*)"(?:\s*;\s*credential-type="password")?)?/gi;
    let match;
    while ((match = pattern.exec(links)) !== null) {
      const server = { urls: [match[1]] };
      if (match[2] !== undefined) {
        server.username = unquote(match[2]);
        server.credential = unquote(match[3]);
      }
      servers.push(server);
    }
    return servers;
  }

  /** What trickled candidates need of the offer: its ICE credentials and media lines (draft-ietf-wish-whep). */
  function offerParts(sdp) {
    const parts = { ufrag: '', pwd: '', medias: [] };
    for (const line of sdp.split('\r\n')) {
      if (line.startsWith('m=')) {
        parts.medias.push(line.substring(2));
      } else if (!parts.ufrag && line.startsWith('a=ice-ufrag:')) {
        parts.ufrag = line.substring('a=ice-ufrag:'.length);
      } else if (!parts.pwd && line.startsWith('a=ice-pwd:')) {
        parts.pwd = line.substring('a=ice-pwd:'.length);
      }
    }
    return parts;
  }

  function sdpFragment(offer, candidates) {
    const byMedia = new Map();
    for (const candidate of candidates) {
      const list = byMedia.get(candidate.sdpMLineIndex) || [];
      list.push(candidate);
      byMedia.set(candidate.sdpMLineIndex, list);
    }
    let fragment = 'a=ice-ufrag:' + offer.ufrag + '\r\na=ice-pwd:' + offer.pwd + '\r\n';
    offer.medias.forEach((media, index) => {
      const list = byMedia.get(index);
      if (list) {
        fragment += 'm=' + media + '\r\na=mid:' + index + '\r\n';
        for (const candidate of list) {
          fragment += 'a=' + candidate.candidate + '\r\n';
        }
      }
    });
    return fragment;
  }

  async function timedFetch(url, init, ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    try {
      return await fetch(url, Object.assign({ credentials: 'same-origin', signal: controller.signal }, init));
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * WebRTC by WHEP through the wall's own origin: the ICE servers from the Link headers MediaMTX sends (its
   * configured STUN/TURN), receive-only, candidates trickled as they are found. Fails when no media path is found
   * in WEBRTC_CONNECT_MS.
   */
  class WhepPlayer {
    constructor(videoElement, endpoint, report, onConnected, onFailure) {
      this.video = videoElement;
      this.endpoint = new URL(endpoint, document.baseURI).toString();
      this.report = report;
      this.onConnected = onConnected;
      this.onFailure = onFailure;
      this.session = null;
      this.offer = null;
      this.queued = [];
      this.iceServers = [];
      this.stopped = false;
      this.pc = null;
      this.timer = null;
      this.start().catch((error) => this.fail(error && error.name === 'AbortError'
        ? new Error('signalling timed out') : error));
    }

    label() {
      return 'WebRTC';
    }

    async start() {
      this.report('Connecting by WebRTC…');
      const options = await timedFetch(this.endpoint, { method: 'OPTIONS' }, SIGNALLING_MS);
      if (!options.ok) {
        throw new Error('signalling answered ' + options.status);
      }
      this.iceServers = iceServersFrom(options.headers.get('Link'));
      if (this.stopped) {
        return;
      }
      const pc = new RTCPeerConnection({ iceServers: this.iceServers });
      this.pc = pc;
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.ontrack = (event) => {
        if (this.video.srcObject !== event.streams[0]) {
          this.video.srcObject = event.streams[0];
          const promise = this.video.play();
          if (promise) {
            promise.catch(() => {});
          }
        }
      };
      pc.onicecandidate = (event) => {
        if (event.candidate) {
          this.queued.push(event.candidate);
          this.trickle();
        }
      };
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected') {
          clearTimeout(this.timer);
          this.report(null);
          this.onConnected();
        } else if (pc.connectionState === 'failed') {
          this.fail(new Error('no media path (ICE failed)'));
        }
      };
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      this.offer = offerParts(offer.sdp);
      const response = await timedFetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp' },
        body: offer.sdp,
      }, SIGNALLING_MS);
      if (response.status !== 201) {
        throw new Error('signalling answered ' + response.status);
      }
      const location = response.headers.get('Location');
      this.session = location ? new URL(location, this.endpoint).toString() : null;
      const answer = await response.text();
      if (this.stopped) {
        this.close();
        return;
      }
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      this.timer = setTimeout(() => this.fail(new Error('no media path within '
        + Math.round(WEBRTC_CONNECT_MS / 1000) + ' s')), WEBRTC_CONNECT_MS);
      this.trickle();
    }

    trickle() {
      if (!this.session || !this.offer || this.queued.length === 0 || this.stopped) {
        return;
      }
      const candidates = this.queued;
      this.queued = [];
      timedFetch(this.session, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': '*' },
        body: sdpFragment(this.offer, candidates),
      }, SIGNALLING_MS).catch(() => { /* the candidates MediaMTX found itself may still do */ });
    }

    fail(error) {
      if (this.stopped) {
        return;
      }
      this.stop();
      this.onFailure(error && error.message ? error.message : String(error));
    }

    close() {
      clearTimeout(this.timer);
      if (this.pc) {
        this.pc.close();
        this.pc = null;
      }
      if (this.session) {
        timedFetch(this.session, { method: 'DELETE' }, SIGNALLING_MS).catch(() => {});
        this.session = null;
      }
    }

    stop() {
      this.stopped = true;
      this.close();
      this.video.srcObject = null;
    }
  }

  /**
   * One <video> and what plays in it. preference 'auto' plays WebRTC unless this CameraStream's media path proved
   * unreachable from this browser, then HLS, and says so; 'webrtc' and 'hls' are what the viewer chose.
   */
  class Screen {
    constructor(videoElement, overlayElement, modeElement) {
      this.video = videoElement;
      this.overlay = overlayElement;
      this.modeElement = modeElement;
      this.player = null;
      this.playing = null;
      this.preference = 'auto';
      this.notice = null;
      this.reason = null;
      this.failedHere = false;
      this.context = null;
    }

    report(text, blocking) {
      const shown = text || this.notice;
      this.overlay.hidden = !shown;
      this.overlay.textContent = shown || '';
      if (blocking) {
        this.overlay.dataset.blocking = '';
      } else {
        delete this.overlay.dataset.blocking;
      }
    }

    mode(streamKey, camera) {
      if (!camera.whepPath || this.preference === 'hls') {
        return 'hls';
      }
      if (this.preference === 'webrtc') {
        return 'webrtc';
      }
      return this.failedHere || webrtcUnreachable(streamKey) ? 'hls' : 'webrtc';
    }

    /**
     * @param want whether the camera should play now; idleText what to say when it does not, covering the picture
     *             unless {@code covering} is false (a last frame is shown beneath)
     */
    show(streamKey, camera, want, idleText, covering = true) {
      this.context = { streamKey, camera, want, idleText, covering };
      const mode = want ? this.mode(streamKey, camera) : null;
      const key = want ? mode + ' ' + (mode === 'webrtc' ? camera.whepPath : camera.hlsPath) : null;
      if (key !== this.playing) {
        this.stopPlayer();
        this.playing = key;
        if (mode === 'webrtc') {
          this.player = new WhepPlayer(this.video, camera.whepPath, (text) => this.report(text),
            () => {
              this.notice = null;
              noteWebrtc(streamKey, 'ok');
              this.label();
            },
            (why) => this.webrtcFailed(streamKey, why));
        } else if (mode === 'hls') {
          if (this.preference === 'hls' || !camera.whepPath) {
            this.reason = null;
          } else if (!this.failedHere) {
            this.reason = 'WebRTC not reachable from this browser (' + webrtcUnreachable(streamKey) + ')';
          }
          this.player = new HlsPlayer(this.video, camera.hlsPath, (text) => this.report(text));
        }
      }
      if (!key) {
        this.report(idleText, covering);
      }
      this.label();
    }

    webrtcFailed(streamKey, why) {
      this.failedHere = true;
      this.reason = 'WebRTC not reachable from this browser (' + why + ')';
      this.notice = this.reason + '; playing HLS';
      if (this.preference === 'webrtc') {
        this.preference = 'auto';
      }
      this.playing = null;
      this.player = null;
      noteWebrtc(streamKey, 'unreachable', why);
      if (this.context) {
        this.show(this.context.streamKey, this.context.camera, this.context.want, this.context.idleText,
          this.context.covering);
      }
      setTimeout(() => {
        if (this.notice && this.notice.startsWith(this.reason)) {
          this.notice = null;
          this.report(null);
        }
      }, 6000);
    }

    label() {
      if (!this.modeElement) {
        return;
      }
      const mode = this.currentMode();
      this.modeElement.textContent = mode ? this.player.label() : '';
      this.modeElement.title = mode === 'hls' && this.reason ? this.reason : '';
      this.modeElement.hidden = !mode;
    }

    currentMode() {
      if (!this.player) {
        return null;
      }
      return this.player instanceof WhepPlayer ? 'webrtc' : 'hls';
    }

    setPreference(preference) {
      if (preference !== this.preference) {
        this.preference = preference;
        this.notice = null;
        this.failedHere = false;
        this.stopPlayer();
        this.playing = null;
      }
    }

    stopPlayer() {
      if (this.player) {
        this.player.stop();
        this.player = null;
      }
    }
  }

  function idleText(camera, why) {
    if (!camera.hlsPath) {
      return null;
    }
    if (!PLAYABLE.has(camera.state)) {
      return camera.stateLabel + ': no video';
    }
    return why;
  }

  // ---------------------------------------------------------------- tiles

  const visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const tile = tiles.get(entry.target.dataset.camera);
      if (tile) {
        tile.visible = entry.isIntersecting;
        tile.refreshPlayback();
      }
    }
  }, { threshold: 0.2 });

  let dragged = null;

  class Tile {
    constructor(stream, camera) {
      this.streamKey = stream.namespace + '/' + stream.name;
      this.key = this.streamKey + '/' + camera.name;
      this.stream = stream;
      this.camera = camera;
      this.visible = false;
      this.snapshotAt = null;

      this.element = el('article', 'tile');
      this.element.dataset.camera = this.key;
      this.element.dataset.size = layout.size(this.key);
      const titleId = 'tile-' + this.key.replace(/[^a-z0-9-]/g, '-');
      this.element.setAttribute('aria-labelledby', titleId);

      this.media = el('div', 'media');
      this.video = el('video');
      this.video.muted = true;
      this.video.playsInline = true;
      this.video.setAttribute('aria-label', 'Live video of camera ' + camera.name);
      this.lastFrame = el('figure', 'last-frame');
      this.lastFrame.hidden = true;
      this.snapshot = el('canvas');
      this.snapshotCaption = el('figcaption');
      this.lastFrame.append(this.snapshot, this.snapshotCaption);
      this.badge = el('span', 'badge tile-state');
      this.modeElement = el('span', 'mode');
      this.overlay = el('p', 'overlay');
      this.overlay.hidden = true;
      this.credentials = el('div', 'overlay credentials');
      this.credentials.dataset.blocking = '';
      this.credentials.hidden = true;
      this.media.append(this.video, this.lastFrame, this.badge, this.modeElement, this.overlay, this.credentials);
      this.media.addEventListener('click', () => openViewer(this.key));

      const info = el('div', 'tile-info');
      const title = el('div', 'tile-title');
      const heading = el('h3');
      heading.id = titleId;
      this.open = el('button', 'tile-open', camera.name);
      this.open.type = 'button';
      this.open.setAttribute('aria-haspopup', 'dialog');
      this.open.addEventListener('click', () => openViewer(this.key));
      heading.append(this.open);
      const tools = el('div', 'tile-tools');
      this.switchButton = button('button tile-switch', 'HLS');
      this.switchButton.addEventListener('click', () => {
        this.screen.setPreference(this.screen.currentMode() === 'webrtc' ? 'hls' : 'webrtc');
        this.refreshPlayback();
      });
      this.earlier = button('button tile-earlier', '◀', 'Move ' + camera.name + ' earlier');
      this.earlier.addEventListener('click', () => this.move(-1));
      this.later = button('button tile-later', '▶', 'Move ' + camera.name + ' later');
      this.later.addEventListener('click', () => this.move(1));
      this.sizeButton = button('button tile-size', SIZE_SPANS[layout.size(this.key)]);
      this.sizeButton.addEventListener('click', () => this.resize());
      this.fullscreenButton = button('button tile-fullscreen', '⤢', 'Show ' + camera.name + ' full screen');
      this.fullscreenButton.addEventListener('click', () => {
        this.media.requestFullscreen().catch(() => {});
      });
      this.fullscreenButton.hidden = !document.fullscreenEnabled;
      tools.append(this.switchButton, this.earlier, this.later, this.sizeButton, this.fullscreenButton);
      title.append(heading, tools);
      this.since = el('p', 'since');
      this.facts = el('dl', 'facts');
      this.message = el('p', 'message');
      info.append(title, this.since, this.facts, this.message);
      this.element.append(this.media, info);

      this.element.draggable = true;
      this.element.addEventListener('dragstart', (event) => {
        dragged = this;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', this.key);
      });
      this.element.addEventListener('dragover', (event) => {
        if (dragged && dragged !== this && dragged.streamKey === this.streamKey) {
          event.preventDefault();
        }
      });
      this.element.addEventListener('drop', (event) => {
        event.preventDefault();
        if (dragged && dragged !== this && dragged.streamKey === this.streamKey) {
          streams.get(this.streamKey).place(dragged, this);
        }
        dragged = null;
      });

      this.screen = new Screen(this.video, this.overlay, this.modeElement);
      this.labelSize();
      visibility.observe(this.element);
      this.update(stream, camera);
    }

    update(stream, camera) {
      const wasPlayable = this.camera && PLAYABLE.has(this.camera.state);
      if (wasPlayable && !PLAYABLE.has(camera.state)) {
        // the frame on screen now is the last one this page had: keep it before the player stops
        this.takeSnapshot();
      }
      this.stream = stream;
      this.camera = camera;
      this.element.dataset.state = camera.state;
      setBadge(this.badge, camera.state, camera.stateLabel);
      this.since.textContent = sinceText(camera);
      this.facts.replaceChildren();
      fact(this.facts, 'Bitrate', camera.state === 'publishing' ? bitrate(camera.bitrateKbps) : '—');
      fact(this.facts, 'Video', video(camera));
      fact(this.facts, 'Readers', camera.readers === undefined ? '—' : String(camera.readers));
      this.message.textContent = reason(camera);
      this.message.title = camera.message || '';
      this.message.hidden = camera.state === 'publishing' || !this.message.textContent;
      this.renderCredentials();
      this.renderLastFrame();
      this.refreshPlayback();
    }

    /** While video plays, every few seconds: the picture on screen, kept small, with when it was taken. */
    takeSnapshot() {
      if (!this.screen.player || this.video.readyState < 2 || !this.video.videoWidth) {
        return;
      }
      const width = Math.min(SNAPSHOT_WIDTH, this.video.videoWidth);
      const height = Math.round(width * this.video.videoHeight / this.video.videoWidth);
      if (this.snapshot.width !== width || this.snapshot.height !== height) {
        this.snapshot.width = width;
        this.snapshot.height = height;
      }
      this.snapshot.getContext('2d').drawImage(this.video, 0, 0, width, height);
      this.snapshotAt = Date.now();
    }

    showsLastFrame() {
      return Boolean(this.snapshotAt) && Boolean(this.camera.hlsPath) && !PLAYABLE.has(this.camera.state);
    }

    renderLastFrame() {
      const show = this.showsLastFrame();
      this.lastFrame.hidden = !show;
      if (show) {
        this.snapshotCaption.textContent = 'Last frame · ' + clock(this.snapshotAt);
        this.lastFrame.dataset.time = String(this.snapshotAt);
      }
    }

    renderCredentials() {
      const needs = !this.camera.hlsPath;
      this.credentials.hidden = !needs;
      if (!needs) {
        return;
      }
      this.credentials.replaceChildren(el('p', null, 'Needs reader credentials: the wall does not sign in for you.'));
      const links = el('p');
      for (const [label, url] of urlEntries(this.camera)) {
        if (url.startsWith('http')) {
          const link = el('a', null, label);
          link.href = url;
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
          links.append(link);
        }
      }
      const more = button('button', 'All URLs');
      more.addEventListener('click', (event) => { event.stopPropagation(); openViewer(this.key); });
      links.append(more);
      this.credentials.append(links);
    }

    wanted() {
      return this.visible && !document.hidden && !viewer.isOpen() && Boolean(this.camera.hlsPath)
        && PLAYABLE.has(this.camera.state);
    }

    refreshPlayback() {
      const why = document.hidden || viewer.isOpen() ? 'Paused' : 'Off screen';
      this.screen.show(this.streamKey, this.camera, this.wanted(), idleText(this.camera, why),
        !this.showsLastFrame());
      const mode = this.screen.currentMode();
      this.switchButton.textContent = mode === 'webrtc' ? 'HLS' : 'WebRTC';
      this.switchButton.title = mode === 'webrtc' ? 'Play this tile by low-latency HLS'
        : 'Play this tile by WebRTC (sub-second latency)';
      this.switchButton.hidden = !mode;
    }

    move(step) {
      streams.get(this.streamKey).shift(this, step);
    }

    resize() {
      const next = SIZES[(SIZES.indexOf(layout.size(this.key)) + 1) % SIZES.length];
      layout.setSize(this.key, next);
      this.element.dataset.size = next;
      this.labelSize();
    }

    labelSize() {
      const size = layout.size(this.key);
      const next = SIZES[(SIZES.indexOf(size) + 1) % SIZES.length];
      const label = 'Size of ' + this.camera.name + ': ' + SIZE_LABELS[size] + ' (make it ' + SIZE_LABELS[next] + ')';
      this.sizeButton.textContent = SIZE_SPANS[size];
      this.sizeButton.setAttribute('aria-label', label);
      this.sizeButton.title = label;
    }

    remove() {
      visibility.unobserve(this.element);
      this.screen.stopPlayer();
      this.element.remove();
    }
  }

  function urlEntries(camera) {
    const urls = camera.urls || {};
    return [['WebRTC', urls.webrtc], ['HLS', urls.hls], ['RTSP', urls.rtsp]].filter((entry) => entry[1]);
  }

  // ---------------------------------------------------------------- streams

  class StreamSection {
    constructor(stream) {
      this.key = stream.namespace + '/' + stream.name;
      this.element = el('section', 'stream');
      this.element.dataset.stream = this.key;
      const headingId = 'stream-' + this.key.replace(/[^a-z0-9-]/g, '-');
      this.element.setAttribute('aria-labelledby', headingId);
      const head = el('header', 'stream-head');
      const heading = el('h2');
      heading.id = headingId;
      heading.append(el('span', 'namespace', stream.namespace + '/'), el('span', 'name', stream.name));
      this.ready = el('span', 'badge stream-ready');
      this.count = el('span', 'stream-count');
      this.readers = el('span', 'stream-readers');
      head.append(heading, this.ready, this.count, this.readers);
      this.message = el('p', 'stream-message');
      this.tiles = el('div', 'tiles');
      this.element.append(head, this.message, this.tiles);
    }

    update(stream) {
      this.ready.dataset.ready = stream.ready || 'Unknown';
      this.ready.textContent = stream.readyReason || 'Pending';
      this.ready.title = stream.readyMessage || '';
      this.count.textContent = 'READY ' + (stream.readyCameras || '0/' + stream.cameras.length);
      this.readers.textContent = stream.readers === 'authenticated' ? 'readers need credentials' : 'public readers';
      this.message.textContent = stream.ready === 'True' ? '' : (stream.readyMessage || '');
      this.message.hidden = !this.message.textContent;
    }

    names() {
      return Array.from(this.tiles.children).map((element) => tiles.get(element.dataset.camera).camera.name);
    }

    shift(tile, step) {
      const siblings = Array.from(this.tiles.children);
      const index = siblings.indexOf(tile.element);
      const target = index + step;
      if (index < 0 || target < 0 || target >= siblings.length) {
        return;
      }
      if (step < 0) {
        this.tiles.insertBefore(tile.element, siblings[target]);
      } else {
        this.tiles.insertBefore(tile.element, siblings[target].nextSibling);
      }
      layout.setOrder(this.key, this.names());
      tile.element.scrollIntoView({ block: 'nearest' });
    }

    place(tile, before) {
      this.tiles.insertBefore(tile.element, before.element);
      layout.setOrder(this.key, this.names());
    }
  }

  // ---------------------------------------------------------------- rendering

  let lastWall = { streams: [] };

  function render(wall) {
    lastWall = wall;
    const seenStreams = new Set();
    const seenTiles = new Set();
    let previous = null;
    for (const stream of wall.streams) {
      const key = stream.namespace + '/' + stream.name;
      seenStreams.add(key);
      let section = streams.get(key);
      if (!section) {
        section = new StreamSection(stream);
        streams.set(key, section);
      }
      section.update(stream);
      const anchor = previous ? previous.element.nextSibling : emptyElement.nextSibling;
      if (section.element !== anchor) {
        wallElement.insertBefore(section.element, anchor);
      }
      previous = section;
      let previousTile = null;
      for (const camera of layout.ordered(key, stream.cameras)) {
        const tileKey = key + '/' + camera.name;
        seenTiles.add(tileKey);
        let tile = tiles.get(tileKey);
        if (!tile) {
          tile = new Tile(stream, camera);
          tiles.set(tileKey, tile);
        } else {
          tile.update(stream, camera);
        }
        const tileAnchor = previousTile ? previousTile.element.nextSibling : section.tiles.firstChild;
        if (tile.element !== tileAnchor) {
          section.tiles.insertBefore(tile.element, tileAnchor);
        }
        previousTile = tile;
      }
    }
    for (const [key, tile] of tiles) {
      if (!seenTiles.has(key)) {
        tile.remove();
        tiles.delete(key);
      }
    }
    for (const [key, section] of streams) {
      if (!seenStreams.has(key)) {
        section.element.remove();
        streams.delete(key);
      }
    }
    emptyElement.hidden = wall.streams.length > 0;
    wallElement.setAttribute('aria-busy', 'false');
    const cameras = wall.streams.reduce((n, s) => n + s.cameras.length, 0);
    const publishing = wall.streams.reduce((n, s) => n + s.cameras.filter((c) => c.state === 'publishing').length, 0);
    summaryElement.textContent = wall.streams.length + (wall.streams.length === 1 ? ' CameraStream · ' : ' CameraStreams · ')
      + publishing + ' of ' + cameras + (cameras === 1 ? ' camera' : ' cameras') + ' publishing';
    viewer.refresh();
  }

  function findCamera(key) {
    for (const stream of lastWall.streams) {
      for (const camera of stream.cameras) {
        if (stream.namespace + '/' + stream.name + '/' + camera.name === key) {
          return { stream, camera };
        }
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- large view

  class Viewer {
    constructor() {
      this.dialog = document.getElementById('viewer');
      this.title = document.getElementById('viewer-title');
      this.state = document.getElementById('viewer-state');
      this.facts = document.getElementById('viewer-facts');
      this.message = document.getElementById('viewer-message');
      this.note = document.getElementById('viewer-note');
      this.urls = document.getElementById('viewer-urls');
      this.hlsButton = document.getElementById('viewer-hls');
      this.webrtcButton = document.getElementById('viewer-webrtc');
      this.fullscreenButton = document.getElementById('viewer-fullscreen');
      this.media = document.getElementById('viewer-media');
      this.mode = document.getElementById('viewer-mode');
      this.screen = new Screen(document.getElementById('viewer-video'), document.getElementById('viewer-overlay'),
        this.mode);
      this.key = null;
      document.getElementById('viewer-close').addEventListener('click', () => this.dialog.close());
      this.dialog.addEventListener('close', () => this.closed());
      this.dialog.addEventListener('click', (event) => {
        if (event.target === this.dialog) {
          this.dialog.close();
        }
      });
      this.hlsButton.addEventListener('click', () => { this.screen.setPreference('hls'); this.refresh(); });
      this.webrtcButton.addEventListener('click', () => { this.screen.setPreference('webrtc'); this.refresh(); });
      this.fullscreenButton.hidden = !document.fullscreenEnabled;
      this.fullscreenButton.addEventListener('click', () => this.media.requestFullscreen().catch(() => {}));
    }

    isOpen() {
      return this.dialog.open;
    }

    open(key) {
      this.key = key;
      this.urls.replaceChildren();
      this.renderedUrls = null;
      this.screen.preference = 'auto';
      if (!this.dialog.open) {
        this.dialog.showModal();
      }
      for (const tile of tiles.values()) {
        tile.refreshPlayback();
      }
      this.refresh();
    }

    closed() {
      this.screen.stopPlayer();
      this.screen.playing = null;
      this.key = null;
      for (const tile of tiles.values()) {
        tile.refreshPlayback();
      }
    }

    refresh() {
      if (!this.key || !this.dialog.open) {
        return;
      }
      const found = findCamera(this.key);
      if (!found) {
        this.dialog.close();
        return;
      }
      const { stream, camera } = found;
      const streamKey = stream.namespace + '/' + stream.name;
      this.title.textContent = streamKey + ' · ' + camera.name;
      setBadge(this.state, camera.state, camera.stateLabel);
      this.facts.replaceChildren();
      fact(this.facts, 'State', sinceText(camera));
      fact(this.facts, 'Bitrate', camera.state === 'publishing' ? bitrate(camera.bitrateKbps) : '—');
      fact(this.facts, 'Video', video(camera));
      fact(this.facts, 'Readers', camera.readers === undefined ? '—' : String(camera.readers));
      this.message.textContent = camera.message || '';
      this.webrtcButton.disabled = !camera.whepPath;
      this.hlsButton.disabled = !camera.hlsPath;
      if (!camera.hlsPath) {
        this.note.textContent = 'This camera needs reader credentials: open one of these URLs with them.';
      } else {
        this.note.textContent = '';
      }
      this.note.hidden = !this.note.textContent;
      this.renderUrls(camera);
      const want = Boolean(camera.hlsPath) && PLAYABLE.has(camera.state);
      this.screen.show(streamKey, camera, want, camera.hlsPath ? camera.stateLabel + ': no video'
        : 'Needs reader credentials');
      const mode = this.screen.currentMode();
      this.hlsButton.setAttribute('aria-pressed', String(mode === 'hls'));
      this.webrtcButton.setAttribute('aria-pressed', String(mode === 'webrtc'));
    }

    renderUrls(camera) {
      const signature = JSON.stringify(camera.urls || {});
      if (signature === this.renderedUrls) {
        return;
      }
      this.renderedUrls = signature;
      this.urls.replaceChildren();
      for (const [label, url] of urlEntries(camera)) {
        const item = el('li');
        const id = 'url-' + label.toLowerCase();
        const name = el('label', null, label);
        name.htmlFor = id;
        const input = el('input');
        input.id = id;
        input.readOnly = true;
        input.value = url;
        input.addEventListener('focus', () => input.select());
        const copy = button('button', 'Copy', 'Copy the ' + label + ' URL');
        copy.addEventListener('click', () => copyText(input, copy));
        item.append(name, input, copy);
        this.urls.append(item);
      }
    }
  }

  function copyText(input, copyButton) {
    const done = () => {
      copyButton.textContent = 'Copied';
      setTimeout(() => { copyButton.textContent = 'Copy'; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, () => { input.select(); });
    } else {
      input.focus();
      input.select();
      if (document.execCommand && document.execCommand('copy')) {
        done();
      }
    }
  }

  function openViewer(key) {
    viewer.open(key);
  }

  // ---------------------------------------------------------------- live data

  function connect() {
    const events = new EventSource('api/wall/events');
    events.addEventListener('open', () => {
      connectionElement.dataset.state = 'live';
      connectionElement.textContent = 'Live';
    });
    events.addEventListener('wall', (event) => {
      render(JSON.parse(event.data));
      connectionElement.dataset.state = 'live';
      connectionElement.textContent = 'Live · updated ' + new Date().toLocaleTimeString();
    });
    events.addEventListener('error', () => {
      connectionElement.dataset.state = 'reconnecting';
      connectionElement.textContent = 'Connection lost; reconnecting…';
    });
  }

  function start() {
    layout.load();
    viewer = new Viewer();
    document.addEventListener('visibilitychange', () => {
      for (const tile of tiles.values()) {
        tile.refreshPlayback();
      }
    });
    const fullscreen = document.getElementById('fullscreen');
    if (!document.fullscreenEnabled) {
      fullscreen.hidden = true;
    }
    fullscreen.addEventListener('click', () => {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen().catch(() => {});
      }
    });
    document.addEventListener('fullscreenchange', () => {
      fullscreen.textContent = document.fullscreenElement === document.documentElement ? 'Exit full screen'
        : 'Full screen';
    });
    // "since" durations age between updates
    setInterval(() => {
      for (const tile of tiles.values()) {
        tile.since.textContent = sinceText(tile.camera);
      }
    }, 30000);
    setInterval(() => {
      for (const tile of tiles.values()) {
        if (PLAYABLE.has(tile.camera.state)) {
          tile.takeSnapshot();
        }
      }
    }, SNAPSHOT_EVERY_MS);
    connect();
  }

  function screenOf(key) {
    const tile = tiles.get(key);
    return tile ? tile.screen : null;
  }

  // For tests, benchmarks and curious operators: what each tile plays, by camera key.
  window.camstreamWall = {
    currentTime(key) {
      const screen = screenOf(key);
      return screen ? screen.video.currentTime : null;
    },
    playing(key) {
      const screen = screenOf(key);
      return screen ? screen.player !== null : null;
    },
    /** 'webrtc', 'hls' or null */
    mode(key) {
      const screen = screenOf(key);
      return screen ? screen.currentMode() : null;
    },
    /** HLS: seconds the frame on screen is behind its capture (program date-time); null otherwise. */
    behindLive(key) {
      const screen = screenOf(key);
      return screen && screen.player instanceof HlsPlayer ? screen.player.behindLive() : null;
    },
    lowLatency(key) {
      const screen = screenOf(key);
      return screen && screen.player instanceof HlsPlayer ? screen.player.lowLatency : null;
    },
    /** WebRTC: the ICE servers the page got from MediaMTX's Link headers. */
    iceServers(key) {
      const screen = screenOf(key);
      return screen && screen.player instanceof WhepPlayer ? screen.player.iceServers : null;
    },
    video(key) {
      const screen = screenOf(key);
      return screen ? screen.video : null;
    },
    viewerTime() {
      return viewer.screen.video.currentTime;
    },
    viewerMode() {
      return viewer.screen.currentMode();
    },
  };

  start();
})();
