package org.onecity.imaging.dimse;

import org.onecity.imaging.ImagingSettings;
import org.onecity.imaging.access.AccessLog;
import org.onecity.imaging.codec.Transcoder;
import org.onecity.imaging.index.StudyIndex;
import org.onecity.imaging.ingest.Ingest;
import org.onecity.imaging.ingest.Reception;
import org.onecity.imaging.ingest.Spool;
import org.onecity.imaging.query.StudySearch;
import org.onecity.imaging.source.DicomSources;
import org.onecity.imaging.store.InstanceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DIMSE listener: its own accept loop on the configured interface (PixelMed's dispatcher binds every interface),
 * a look at the calling AE title before anything else, then one thread per association up to the configured number.
 */
@Component
public class DimseServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DimseServer.class);
    /** An association idle this long is dropped, so a silent peer cannot hold a thread for ever. */
    private static final int IDLE_TIMEOUT_MS = 120_000;

    private final ImagingSettings.Dimse settings;
    private final DimseServices services;
    private ServerSocket serverSocket;
    private ExecutorService associations;
    private Thread acceptor;
    private volatile boolean running;

    public DimseServer(ImagingSettings settings, Spool spool, Ingest ingest, Reception reception, StudySearch search,
                       StudyIndex index, InstanceObjects objects, DicomSources sources, AccessLog accessLog,
                       Transcoder transcoder) {
        this.settings = settings.dimse();
        this.services = new DimseServices(this.settings.aeTitle(), spool, ingest, reception, search,
                new StudyMover(search, index,
                new InstanceSender(objects, spool, transcoder), this.settings.aeTitle()), sources, accessLog);
    }

    @Override
    public void start() {
        try {
            serverSocket = new ServerSocket(settings.port(), 50, InetAddress.getByName(settings.bindAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen for DICOM on " + settings.bindAddress() + ":" + settings.port(), e);
        }
        AtomicInteger number = new AtomicInteger();
        associations = new ThreadPoolExecutor(settings.maxAssociations(), settings.maxAssociations(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "dimse-association-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        running = true;
        acceptor = new Thread(this::acceptLoop, "dimse-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("DICOM listener {} on {}:{}", settings.aeTitle(), settings.bindAddress(), port());
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                log.warn("DICOM accept failed: {}", e.getMessage());
                continue;
            }
            associations.execute(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            var admission = AssociationGate.admit(socket, services.sources()::knows);
            if (admission == null) {
                log.info("Association from {} refused: calling AE title not registered", socket.getRemoteSocketAddress());
                return;
            }
            if (admission.callingAeTitle() == null) {
                socket.close();
                return;
            }
            new AssociationSession(admission.socket(), admission.callingAeTitle(), services).run();
        } catch (IOException e) {
            log.info("Connection from {} dropped: {}", socket.getRemoteSocketAddress(), e.getMessage());
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** The port listened on (the configured one, or the one chosen when configured as 0 in tests). */
    public int port() {
        return serverSocket == null ? settings.port() : serverSocket.getLocalPort();
    }

    public String aeTitle() {
        return settings.aeTitle();
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (serverSocket != null) {
                serverSocket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        if (associations != null) {
            associations.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
