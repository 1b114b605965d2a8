package org.vsconsole.host.agent;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The wire format: a 4-byte big-endian length, then that many bytes of one UTF-8 JSON object. A
 * length outside 1..max cannot be trusted to find the next frame, so it ends the connection.
 */
final class AgentFrames {

    /** What the agent takes in one request: arguments are names and short lists, never trees. */
    static final int MAX_REQUEST = 1 << 20;
    /** What the web tier takes in one reply: figures of every context, a process list. */
    static final int MAX_REPLY = 32 << 20;

    private AgentFrames() {
    }

    /** The next frame, or null at a clean end of stream (between frames). */
    static byte @Nullable [] read(InputStream in, int max) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return null;
        }
        int length = (first << 24) | (data.readUnsignedByte() << 16) | (data.readUnsignedByte() << 8) | data.readUnsignedByte();
        if (length <= 0 || length > max) {
            throw new FrameException("a frame of " + Integer.toUnsignedString(length) + " bytes is outside 1.." + max);
        }
        byte[] body = new byte[length];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new FrameException("the stream ended inside a frame of " + length + " bytes");
        }
        return body;
    }

    static void write(OutputStream out, byte[] body) throws IOException {
        int n = body.length;
        out.write(new byte[]{(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(body);
        out.flush();
    }

    /** The stream no longer follows the framing; nothing after it can be read safely. */
    static final class FrameException extends IOException {

        FrameException(String message) {
            super(message);
        }
    }
}
