package org.onecity.imaging.dimse;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a DICOM connection PDU by PDU (PS3.8 9.3: type, reserved, a 4-byte length, then the body) and ends it when a
 * PDU declares more than the service accepts: the toolkit would otherwise allocate whatever a peer declares before
 * reading a byte of it. The bytes pass through unchanged.
 */
final class PduLengthGuard extends FilterInputStream {

    private static final int HEADER = 6;

    private final long maxPduLength;
    private final byte[] header = new byte[HEADER];
    private int headerServed = HEADER;
    private long bodyLeft;

    PduLengthGuard(InputStream in, long maxPduLength) {
        super(in);
        this.maxPduLength = maxPduLength;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (headerServed == HEADER && bodyLeft == 0) {
            if (!nextHeader()) {
                return -1;
            }
        }
        if (headerServed < HEADER) {
            int n = Math.min(length, HEADER - headerServed);
            System.arraycopy(header, headerServed, into, offset, n);
            headerServed += n;
            return n;
        }
        int read = in.read(into, offset, (int) Math.min(length, bodyLeft));
        if (read > 0) {
            bodyLeft -= read;
        }
        return read;
    }

    private boolean nextHeader() throws IOException {
        int first = in.read();
        if (first < 0) {
            return false;
        }
        header[0] = (byte) first;
        int got = in.readNBytes(header, 1, HEADER - 1);
        if (got < HEADER - 1) {
            throw new EOFException("The peer closed the connection inside a PDU header");
        }
        long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFFL) << 16) | ((header[4] & 0xFFL) << 8) | (header[5] & 0xFFL);
        if (length > maxPduLength) {
            throw new IOException("A PDU of type " + (header[0] & 0xFF) + " declares " + length + " bytes, more than the "
                    + maxPduLength + " this service accepts: the association is ended");
        }
        bodyLeft = length;
        headerServed = 0;
        return true;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
