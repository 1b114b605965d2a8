package org.vsconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vsconsole.base.RequestBodyTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * Refuses API request bodies over {@link #MAX_BYTES} with 413 before anything (authentication,
 * JSON parsing, the audit log) reads them: by the declared length at once, and for a body sent
 * without one by counting as it is read. No API request needs more than a few kilobytes.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final java.util.List<org.vsconsole.base.RefusalRecorder> recorders;

    RequestSizeLimitFilter(java.util.List<org.vsconsole.base.RefusalRecorder> recorders) {
        this.recorders = recorders;
    }

    RequestSizeLimitFilter() {
        this(java.util.List.of());
    }

    static final long MAX_BYTES = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            for (var recorder : recorders) {
                recorder.refused(413, "body", "declared " + request.getContentLengthLong() + " bytes, over 1 MB");
            }
            refuse(response);
            return;
        }
        try {
            chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Counting(request), response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (RequestBodyTooLargeException.in(e) && !response.isCommitted()) {
                response.reset();
                refuse(response);
                return;
            }
            throw e;
        }
    }

    static void refuse(HttpServletResponse response) throws IOException {
        org.vsconsole.base.ApiProblem.write(response, org.springframework.http.HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large", "Request bodies are limited to " + MAX_BYTES + " bytes (1 MB)", "body",
                "must be at most 1 MB");
    }

    /** A request whose body stops with {@link RequestBodyTooLargeException} once more than the limit has been read. */
    private static final class Counting extends HttpServletRequestWrapper {

        private @Nullable ServletInputStream counted;

        Counting(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                ServletInputStream in = super.getInputStream();
                counted = new ServletInputStream() {

                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws RequestBodyTooLargeException {
                        read += n;
                        if (read > MAX_BYTES) {
                            throw new RequestBodyTooLargeException(MAX_BYTES);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return counted;
        }
    }
}
