// <vsc-terminal>: xterm.js in a plain custom element (no Vaadin frontend bundle). The server
// (GuestTerminal.java) calls write()/end(); keystrokes, pastes and size changes go back through
// this.$server, Vaadin's client-callable methods over the console's push connection.
(function () {
  if (customElements.get('vsc-terminal')) {
    return;
  }
  function whenLoaded(callback) {
    if (window.Terminal && window.FitAddon) {
      callback();
    } else {
      setTimeout(function () { whenLoaded(callback); }, 20);
    }
  }
  class VscTerminal extends HTMLElement {
    connectedCallback() {
      if (this._term) {
        return;
      }
      whenLoaded(() => this._start());
    }
    _start() {
      const term = new window.Terminal({
        cursorBlink: true,
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: { background: '#1e1e1e' }
      });
      const fit = new window.FitAddon.FitAddon();
      term.loadAddon(fit);
      term.open(this);
      this._term = term;
      this._fit = fit;
      // Copy and paste as in desktop terminals: Ctrl+Shift+C copies the selection, Ctrl+Shift+V
      // and the browser's own paste insert the clipboard (xterm.js turns a paste into onData).
      term.attachCustomKeyEventHandler((e) => {
        if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.key === 'C' || e.key === 'c')) {
          if (term.hasSelection() && navigator.clipboard) {
            navigator.clipboard.writeText(term.getSelection());
          }
          return false;
        }
        if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.key === 'V' || e.key === 'v')) {
          return false; // leave it to the browser, which fires the paste event xterm.js listens to
        }
        return true;
      });
      term.onData((data) => this.$server && this.$server.input(data));
      term.onResize((size) => this.$server && this.$server.resize(size.cols, size.rows));
      this._observer = new ResizeObserver(() => this.fit());
      this._observer.observe(this);
      this.fit();
      term.focus();
      const announce = () => {
        if (this.$server) {
          this.$server.ready(term.cols, term.rows);
        } else {
          setTimeout(announce, 20);
        }
      };
      announce();
    }
    fit() {
      if (this._fit && this.offsetWidth > 0 && this.offsetHeight > 0) {
        this._fit.fit();
      }
    }
    write(data) {
      if (this._term) {
        this._term.write(data);
      }
    }
    end(message) {
      if (this._term) {
        this._term.write('\r\n\x1b[2m[' + message + ']\x1b[0m\r\n');
        this._term.options.disableStdin = true;
        this._term.options.cursorBlink = false;
      }
    }
    focusTerminal() {
      if (this._term) {
        this._term.focus();
      }
    }
    // Everything on the screen and in the scrollback as text: for "copy all" and for tests.
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
    size() {
      return this._term ? this._term.cols + 'x' + this._term.rows : '';
    }
    disconnectedCallback() {
      if (this._observer) {
        this._observer.disconnect();
      }
    }
  }
  customElements.define('vsc-terminal', VscTerminal);
})();
