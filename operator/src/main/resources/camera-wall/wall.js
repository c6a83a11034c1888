// camstream camera wall. Plain script, no build step: the operator serves it as is.
// Data: /api/wall/events (server-sent events, the same JSON as /api/wall). Video: low-latency HLS through the
// operator's proxy (/hls/...), played with the pinned hls.js, only while a tile is on screen; WebRTC (WHEP) straight
// to MediaMTX where its URL is reachable from this browser.
'use strict';

(function () {
  const PLAYABLE = new Set(['publishing', 'confirming']);
  const RETRY_MS = [2000, 4000, 8000, 15000];

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

  function sinceText(camera) {
    if (!camera.since) {
      return camera.stateLabel;
    }
    const at = new Date(camera.since);
    const today = at.toDateString() === new Date().toDateString();
    const clock = today ? at.toLocaleTimeString() : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    return camera.stateLabel + ' for ' + duration(Date.now() - at.getTime()) + ' · since ' + clock;
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

  // ---------------------------------------------------------------- players

  /** Plays one HLS URL into a <video> with hls.js (native HLS where hls.js cannot run), retrying on failure. */
  class HlsPlayer {
    constructor(videoElement, url, lowLatency, report) {
      this.video = videoElement;
      this.url = url;
      this.lowLatency = lowLatency;
      this.report = report;
      this.attempt = 0;
      this.retryTimer = null;
      this.hls = null;
      this.stopped = false;
      this.onPlaying = () => { this.attempt = 0; this.report(null); };
      this.video.addEventListener('playing', this.onPlaying);
      this.start();
    }

    start() {
      if (this.stopped) {
        return;
      }
      this.report('Connecting…');
      if (window.Hls && window.Hls.isSupported()) {
        // Tiles join the live edge a couple of one-second segments back: a wall of tiles fits HTTP/1.1's six
        // connections per origin. The large view follows MediaMTX's parts (LL-HLS blocking reloads) for ~1 s.
        const hls = new window.Hls({
          enableWorker: false,
          lowLatencyMode: this.lowLatency,
          liveSyncDurationCount: this.lowLatency ? 1 : 2,
          maxBufferLength: 6,
          backBufferLength: 4,
          manifestLoadingTimeOut: 20000,
          levelLoadingTimeOut: 20000,
          fragLoadingTimeOut: 20000,
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

    retry(reason) {
      this.teardown();
      if (this.stopped) {
        return;
      }
      const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
      this.attempt += 1;
      this.report('No video (' + reason + '); retrying in ' + Math.round(delay / 1000) + ' s');
      this.retryTimer = setTimeout(() => this.start(), delay);
    }

    teardown() {
      clearTimeout(this.retryTimer);
      if (this.hls) {
        this.hls.destroy();
        this.hls = null;
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

  /** WebRTC through MediaMTX's WHEP endpoint: {webrtc url}/whep, receive only. */
  class WhepPlayer {
    constructor(videoElement, webrtcUrl, report, onFailure) {
      this.video = videoElement;
      this.endpoint = webrtcUrl.replace(/\/+$/, '') + '/whep';
      this.report = report;
      this.onFailure = onFailure;
      this.session = null;
      this.stopped = false;
      this.pc = null;
      this.start().catch((error) => this.fail(error));
    }

    async start() {
      this.report('Connecting by WebRTC…');
      const pc = new RTCPeerConnection();
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
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected') {
          this.report(null);
        } else if (pc.connectionState === 'failed') {
          this.fail(new Error('no media path (ICE failed)'));
        }
      };
      await pc.setLocalDescription(await pc.createOffer());
      await new Promise((resolve) => {
        if (pc.iceGatheringState === 'complete') {
          resolve();
          return;
        }
        const done = () => { if (pc.iceGatheringState === 'complete') { resolve(); } };
        pc.addEventListener('icegatheringstatechange', done);
        setTimeout(resolve, 2000);
      });
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 8000);
      let response;
      try {
        response = await fetch(this.endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/sdp' },
          body: pc.localDescription.sdp,
          signal: controller.signal,
          credentials: 'omit',
        });
      } finally {
        clearTimeout(timer);
      }
      if (response.status !== 201) {
        throw new Error('MediaMTX answered ' + response.status);
      }
      const location = response.headers.get('Location');
      this.session = location ? new URL(location, this.endpoint).toString() : null;
      const answer = await response.text();
      if (this.stopped) {
        this.close();
        return;
      }
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    }

    fail(error) {
      if (this.stopped) {
        return;
      }
      this.stop();
      this.onFailure('WebRTC not reachable from this browser (' + (error && error.message ? error.message : error)
        + '); back to HLS');
    }

    close() {
      if (this.pc) {
        this.pc.close();
        this.pc = null;
      }
      if (this.session) {
        fetch(this.session, { method: 'DELETE', credentials: 'omit' }).catch(() => {});
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
   * One <video> and what plays in it: HLS or WebRTC, started and stopped as the wanted state changes.
   * A failed WebRTC falls back to HLS and says why.
   */
  class Screen {
    constructor(videoElement, overlayElement, modeElement, lowLatency) {
      this.video = videoElement;
      this.overlay = overlayElement;
      this.modeElement = modeElement;
      this.lowLatency = lowLatency;
      this.player = null;
      this.playing = null;
      this.mode = 'hls';
      this.notice = null;
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

    /** @param want null to stop, else {hls, webrtc, why} */
    show(camera, want, idleText) {
      const key = want ? this.mode + ' ' + (this.mode === 'webrtc' ? camera.urls.webrtc : camera.hlsPath) : null;
      if (key !== this.playing) {
        this.stopPlayer();
        this.playing = key;
        if (key && this.mode === 'webrtc') {
          this.player = new WhepPlayer(this.video, camera.urls.webrtc, (text) => this.report(text), (why) => {
            this.notice = why;
            this.setMode('hls');
            this.show(camera, want, idleText);
          });
        } else if (key) {
          this.player = new HlsPlayer(this.video, camera.hlsPath, this.lowLatency, (text) => this.report(text));
        }
      }
      if (!key) {
        this.report(idleText, true);
      }
      if (this.modeElement) {
        this.modeElement.textContent = key ? (this.mode === 'webrtc' ? 'WebRTC' : 'HLS') : '';
        this.modeElement.hidden = !key;
      }
    }

    setMode(mode) {
      if (mode !== this.mode) {
        this.mode = mode;
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

    currentTime() {
      return this.video.currentTime;
    }
  }

  function idleText(stream, camera, reason) {
    if (!camera.hlsPath) {
      return null;
    }
    if (!PLAYABLE.has(camera.state)) {
      return camera.stateLabel + ': no video';
    }
    return reason;
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

  class Tile {
    constructor(stream, camera) {
      this.key = stream.namespace + '/' + stream.name + '/' + camera.name;
      this.stream = stream;
      this.camera = camera;
      this.visible = false;

      this.element = el('article', 'tile');
      this.element.dataset.camera = this.key;
      const titleId = 'tile-' + this.key.replace(/[^a-z0-9-]/g, '-');
      this.element.setAttribute('aria-labelledby', titleId);

      this.media = el('div', 'media');
      this.video = el('video');
      this.video.muted = true;
      this.video.playsInline = true;
      this.video.setAttribute('aria-label', 'Live video of camera ' + camera.name);
      this.badge = el('span', 'badge tile-state');
      this.modeElement = el('span', 'mode');
      this.overlay = el('p', 'overlay');
      this.overlay.hidden = true;
      this.credentials = el('div', 'overlay credentials');
      this.credentials.dataset.blocking = '';
      this.credentials.hidden = true;
      this.media.append(this.video, this.badge, this.modeElement, this.overlay, this.credentials);
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
      this.webrtcButton = el('button', 'button tile-webrtc', 'WebRTC');
      this.webrtcButton.type = 'button';
      this.webrtcButton.setAttribute('aria-pressed', 'false');
      this.webrtcButton.title = 'Switch this tile to WebRTC (sub-second latency)';
      this.webrtcButton.addEventListener('click', () => {
        const next = this.screen.mode === 'webrtc' ? 'hls' : 'webrtc';
        this.screen.notice = null;
        this.screen.setMode(next);
        this.refreshPlayback();
      });
      title.append(heading, this.webrtcButton);
      this.since = el('p', 'since');
      this.facts = el('dl', 'facts');
      this.message = el('p', 'message');
      info.append(title, this.since, this.facts, this.message);
      this.element.append(this.media, info);

      this.screen = new Screen(this.video, this.overlay, this.modeElement, false);
      visibility.observe(this.element);
      this.update(stream, camera);
    }

    update(stream, camera) {
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
      this.webrtcButton.hidden = !(camera.webrtcFromBrowser && camera.hlsPath);
      this.webrtcButton.setAttribute('aria-pressed', String(this.screen.mode === 'webrtc'));
      this.renderCredentials();
      this.refreshPlayback();
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
      const more = el('button', 'button', 'All URLs');
      more.type = 'button';
      more.addEventListener('click', (event) => { event.stopPropagation(); openViewer(this.key); });
      links.append(more);
      this.credentials.append(links);
    }

    wanted() {
      return this.visible && !document.hidden && !viewer.isOpen() && Boolean(this.camera.hlsPath)
        && PLAYABLE.has(this.camera.state);
    }

    refreshPlayback() {
      const reason = document.hidden || viewer.isOpen() ? 'Paused' : 'Off screen';
      this.screen.show(this.camera, this.wanted(), idleText(this.stream, this.camera, reason));
      this.webrtcButton.setAttribute('aria-pressed', String(this.screen.mode === 'webrtc'));
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
      for (const camera of stream.cameras) {
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
      this.screen = new Screen(document.getElementById('viewer-video'), document.getElementById('viewer-overlay'),
        null, true);
      this.key = null;
      document.getElementById('viewer-close').addEventListener('click', () => this.dialog.close());
      this.dialog.addEventListener('close', () => this.closed());
      this.dialog.addEventListener('click', (event) => {
        if (event.target === this.dialog) {
          this.dialog.close();
        }
      });
      this.hlsButton.addEventListener('click', () => { this.screen.notice = null; this.screen.setMode('hls'); this.refresh(); });
      this.webrtcButton.addEventListener('click', () => {
        this.screen.notice = null;
        this.screen.setMode('webrtc');
        this.refresh();
      });
    }

    isOpen() {
      return this.dialog.open;
    }

    open(key) {
      this.key = key;
      this.urls.replaceChildren();
      this.renderedUrls = null;
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
      this.title.textContent = stream.namespace + '/' + stream.name + ' · ' + camera.name;
      setBadge(this.state, camera.state, camera.stateLabel);
      this.facts.replaceChildren();
      fact(this.facts, 'State', sinceText(camera));
      fact(this.facts, 'Bitrate', camera.state === 'publishing' ? bitrate(camera.bitrateKbps) : '—');
      fact(this.facts, 'Video', video(camera));
      fact(this.facts, 'Readers', camera.readers === undefined ? '—' : String(camera.readers));
      this.message.textContent = camera.message || '';
      const webrtcOffered = camera.webrtcFromBrowser && Boolean(camera.hlsPath);
      this.webrtcButton.disabled = !webrtcOffered;
      this.webrtcButton.title = webrtcOffered ? 'Sub-second latency, straight from MediaMTX'
        : 'The WebRTC URL is an in-cluster address this browser cannot reach';
      this.hlsButton.disabled = !camera.hlsPath;
      this.hlsButton.setAttribute('aria-pressed', String(this.screen.mode === 'hls'));
      this.webrtcButton.setAttribute('aria-pressed', String(this.screen.mode === 'webrtc'));
      if (!camera.hlsPath) {
        this.note.textContent = 'This camera needs reader credentials: open one of these URLs with them.';
      } else if (!camera.webrtcFromBrowser) {
        this.note.textContent = 'These are in-cluster addresses: reach them from inside the cluster or through'
          + ' kubectl port-forward svc/' + stream.name + '-mediamtx.';
      } else {
        this.note.textContent = '';
      }
      this.note.hidden = !this.note.textContent;
      this.renderUrls(camera);
      const want = Boolean(camera.hlsPath) && PLAYABLE.has(camera.state);
      this.screen.show(camera, want, camera.hlsPath ? camera.stateLabel + ': no video'
        : 'Needs reader credentials');
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
        const copy = el('button', 'button', 'Copy');
        copy.type = 'button';
        copy.setAttribute('aria-label', 'Copy the ' + label + ' URL');
        copy.addEventListener('click', () => copyText(input, copy));
        item.append(name, input, copy);
        this.urls.append(item);
      }
    }
  }

  function copyText(input, button) {
    const done = () => {
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = 'Copy'; }, 1500);
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
      fullscreen.textContent = document.fullscreenElement ? 'Exit full screen' : 'Full screen';
    });
    // "since" durations age between updates
    setInterval(() => {
      for (const tile of tiles.values()) {
        tile.since.textContent = sinceText(tile.camera);
      }
    }, 30000);
    connect();
  }

  // For tests and curious operators: the <video> elements' progress, by camera key.
  window.camstreamWall = {
    currentTime(key) {
      const tile = tiles.get(key);
      return tile ? tile.screen.currentTime() : null;
    },
    playing(key) {
      const tile = tiles.get(key);
      return tile ? tile.screen.player !== null : null;
    },
    viewerTime() {
      return viewer.screen.currentTime();
    },
  };

  start();
})();
