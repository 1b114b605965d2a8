// <vsc-cast-player>: replays an asciicast v2 recording with xterm.js: play/pause, seek, speed and
// search for text (jumps to the moment the text was shown). The server sets the cast's text with
// load(); nothing is fetched by the element itself.
(function () {
  if (customElements.get('vsc-cast-player')) {
    return;
  }
  const ESCAPES = /\x1b\[[0-?]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
  function whenLoaded(callback) {
    if (window.Terminal) {
      callback();
    } else {
      setTimeout(function () { whenLoaded(callback); }, 20);
    }
  }
  class VscCastPlayer extends HTMLElement {
    connectedCallback() {
      if (this._built) {
        return;
      }
      this._built = true;
      this.innerHTML = '';
      const bar = document.createElement('div');
      bar.className = 'cast-controls';
      bar.innerHTML =
        '<button type="button" id="cast-play">Play</button>' +
        '<input type="range" id="cast-seek" min="0" max="0" step="0.01" value="0" aria-label="Position">' +
        '<span id="cast-time">0.0 / 0.0 s</span>' +
        '<label>Speed <select id="cast-speed"><option>0.5</option><option selected>1</option>' +
        '<option>2</option><option>4</option><option>8</option></select></label>' +
        '<input type="search" id="cast-search" placeholder="Find text" aria-label="Find text">' +
        '<button type="button" id="cast-find">Find next</button>' +
        '<span id="cast-found"></span>';
      const screen = document.createElement('div');
      screen.className = 'cast-screen';
      this.append(bar, screen);
      this._screen = screen;
      this._playButton = bar.querySelector('#cast-play');
      this._seek = bar.querySelector('#cast-seek');
      this._timeLabel = bar.querySelector('#cast-time');
      this._speed = bar.querySelector('#cast-speed');
      this._search = bar.querySelector('#cast-search');
      this._found = bar.querySelector('#cast-found');
      this._playButton.addEventListener('click', () => (this._playing ? this.pause() : this.play()));
      this._seek.addEventListener('input', () => this.seekTo(parseFloat(this._seek.value)));
      bar.querySelector('#cast-find').addEventListener('click', () => this.findNext(this._search.value));
      this._search.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          this.findNext(this._search.value);
        }
      });
      this._events = [];
      this._time = 0;
      this._index = 0;
      whenLoaded(() => {
        this._term = new window.Terminal({ fontSize: 14, scrollback: 5000, disableStdin: true,
          fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace', theme: { background: '#1e1e1e' } });
        this._term.open(screen);
        if (this._pending) {
          this.load(this._pending);
        }
      });
    }
    load(castText) {
      if (!this._term) {
        this._pending = castText;
        return;
      }
      const lines = castText.split('\n').filter((l) => l.trim().length > 0);
      const header = JSON.parse(lines[0]);
      this._header = header;
      this._events = lines.slice(1).map((l) => JSON.parse(l)).filter((e) => e[1] === 'o' || e[1] === 'r');
      this._duration = this._events.length ? this._events[this._events.length - 1][0] : 0;
      this._seek.max = String(this._duration);
      this._term.resize(header.width, header.height);
      this.seekTo(0);
    }
    get duration() {
      return this._duration || 0;
    }
    _apply(event) {
      if (event[1] === 'o') {
        this._term.write(event[2]);
      } else {
        const size = /^(\d+)x(\d+)$/.exec(event[2]);
        if (size) {
          this._term.resize(parseInt(size[1], 10), parseInt(size[2], 10));
        }
      }
    }
    seekTo(seconds) {
      this._term.reset();
      if (this._header) {
        this._term.resize(this._header.width, this._header.height);
      }
      this._index = 0;
      this._time = Math.max(0, Math.min(seconds, this.duration));
      while (this._index < this._events.length && this._events[this._index][0] <= this._time) {
        this._apply(this._events[this._index++]);
      }
      this._showTime();
    }
    play() {
      if (this._index >= this._events.length) {
        this.seekTo(0);
      }
      this._playing = true;
      this._playButton.textContent = 'Pause';
      let last = performance.now();
      const tick = (now) => {
        if (!this._playing) {
          return;
        }
        this._time += ((now - last) / 1000) * parseFloat(this._speed.value);
        last = now;
        while (this._index < this._events.length && this._events[this._index][0] <= this._time) {
          this._apply(this._events[this._index++]);
        }
        this._showTime();
        if (this._index >= this._events.length) {
          this.pause();
          return;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }
    pause() {
      this._playing = false;
      this._playButton.textContent = 'Play';
    }
    findNext(text) {
      if (!text) {
        return;
      }
      const needle = text.toLowerCase();
      for (let i = this._index; i < this._events.length; i++) {
        const e = this._events[i];
        if (e[1] === 'o' && e[2].replace(ESCAPES, '').toLowerCase().includes(needle)) {
          this.pause();
          this.seekTo(e[0]);
          this._found.textContent = 'found at ' + e[0].toFixed(1) + ' s';
          return;
        }
      }
      this._found.textContent = 'not found after ' + this._time.toFixed(1) + ' s';
    }
    _showTime() {
      this._seek.value = String(this._time);
      this._timeLabel.textContent = this._time.toFixed(1) + ' / ' + this.duration.toFixed(1) + ' s';
    }
    text() {
      if (!this._term) {
        return '';
      }
      const buffer = this._term.buffer.active;
      const lines = [];
      for (let i = 0; i < buffer.length; i++) {
        lines.push(buffer.getLine(i).translateToString(true));
      }
      return lines.join('\n');
    }
  }
  customElements.define('vsc-cast-player', VscCastPlayer);
})();
