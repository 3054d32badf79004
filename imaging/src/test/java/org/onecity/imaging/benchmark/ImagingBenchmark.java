package org.onecity.imaging.benchmark;

import org.onecity.common.test.CityTokens;
import org.onecity.common.test.ServiceProcesses;
import org.onecity.imaging.support.Dcmtk;
import org.onecity.imaging.support.ImagingProcess;
import org.onecity.imaging.support.Orthanc;
import org.onecity.imaging.support.StowBody;
import org.onecity.imaging.support.TestImages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The imaging benchmark (issue 5): C-STORE of 2,000 instances (CT 512x512 and large CR mixed) over 4 parallel
 * associations, the same through STOW-RS, into the packaged imaging service (256 MB of heap) and into Orthanc
 * (Debian, default configuration) in the same run; then the /metadata of a 1,000-instance study. Prints figures.
 * Each server first takes a warm-up load of other instances the same way, untimed, so that the figures are of a
 * running service rather than of a JVM compiling its code.
 *
 * <p>{@code ./onecity bench imaging [-Dinstances=2000] [-DcrEvery=20] [-Dparallel=4] [-Dwarmup=400]}
 */
public final class ImagingBenchmark {

    private static final int INSTANCES = Integer.getInteger("instances", 2000);
    private static final int CR_EVERY = Integer.getInteger("crEvery", 20);
    private static final int PARALLEL = Integer.getInteger("parallel", 4);
    private static final int WARMUP = Integer.getInteger("warmup", 400);
    private static final int STOW_BATCH = 10;
    private static final int METADATA_INSTANCES = Integer.getInteger("metadataInstances", 1000);
    private static final int METADATA_READS = 30;
    /** Which parts to run: {@code small,cstore,stow,metadata} (all by default). */
    private static final String PHASES = System.getProperty("phases", "small,cstore,stow,metadata");
    /** The small-object phase: the first objects a just-started server takes, then a warmed-up run. */
    private static final int SMALL_COLD = Integer.getInteger("smallCold", 40);
    private static final int SMALL = Integer.getInteger("small", 400);

    private ImagingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the embedded database, object store and issuer of the run keep threads of their own
        System.exit(0);
    }

    private static void run() throws Exception {
        Path folder = Files.createDirectories(Path.of(System.getProperty("bench.folder", "target/bench-imaging")));
        Load load = new Load(files(folder.resolve("load"), INSTANCES, "MRN-BENCH-1"),
                files(folder.resolve("warmup"), WARMUP, "MRN-BENCH-WARMUP"));
        long bytes = 0;
        for (Path file : load.timed()) {
            bytes += Files.size(file);
        }
        System.out.printf("%nImaging benchmark: %d instances (%d CT 512x512, %d CR 2000x2500), %.0f MB, %d in parallel,"
                + " after a warm-up of %d others%n", INSTANCES, INSTANCES - INSTANCES / CR_EVERY, INSTANCES / CR_EVERY,
                bytes / 1e6, PARALLEL, WARMUP);

        if (PHASES.contains("small")) {
            smallObjects(folder);
        }
        if (PHASES.contains("cstore")) {
            cStores(load, bytes, folder);
        }
        if (PHASES.contains("stow")) {
            stows(load, bytes, folder);
        }
        if (PHASES.contains("metadata")) {
            metadata(folder);
        }
    }

    /** The instances timed, and the others sent first to warm each server up. */
    private record Load(List<Path> timed, List<Path> warmup) {
    }

    /**
     * Small objects (0.1 to 1 MB: CT, MR, CR; a quarter DX in JPEG lossless), a new patient and study every four, by
     * PARALLEL storescu: the first SMALL_COLD into a just-started server, then, after a warm-up, SMALL more.
     */
    private static void smallObjects(Path folder) throws Exception {
        List<Path> cold = smallFiles(folder.resolve("small-cold"), SMALL_COLD, "COLD");
        List<Path> warmup = smallFiles(folder.resolve("small-warmup"), WARMUP, "WARM");
        List<Path> timed = smallFiles(folder.resolve("small"), SMALL, "TIMED");
        double oneCityCold;
        double oneCityWarm;
        try (ImagingProcess imaging = imaging("bench_small", folder)) {
            int port = Integer.parseInt(imaging.dimsePort());
            oneCityCold = storescu(cold, "ONECITY", port, "-xs");
            storescu(warmup, "ONECITY", port, "-xs");
            oneCityWarm = storescu(timed, "ONECITY", port, "-xs");
        }
        double orthancCold;
        double orthancWarm;
        try (Orthanc orthanc = Orthanc.start(fresh(folder.resolve("orthanc-small")), ServiceProcesses.freePort(),
                ServiceProcesses.freePort())) {
            orthancCold = storescu(cold, Orthanc.AE_TITLE, orthanc.dicomPort, "-xs");
            storescu(warmup, Orthanc.AE_TITLE, orthanc.dicomPort, "-xs");
            orthancWarm = storescu(timed, Orthanc.AE_TITLE, orthanc.dicomPort, "-xs");
        }
        report("C-STORE of small objects, the first into a just-started server", cold.size(), size(cold), oneCityCold,
                orthancCold);
        report("C-STORE of small objects, warmed up", timed.size(), size(timed), oneCityWarm, orthancWarm);
    }

    private static List<Path> smallFiles(Path folder, int instances, String prefix) throws IOException {
        List<Path> existing = existing(folder, instances);
        if (existing != null) {
            return existing;
        }
        fresh(folder);
        List<Path> files = new ArrayList<>();
        TestImages.Study study = null;
        for (int i = 0; i < instances; i++) {
            if (i % 4 == 0) {
                study = TestImages.study("MRN-SMALL-" + prefix + "-" + i, "H001", "Small^Object" + i, "20261203");
            }
            if (i % 4 == 3) {
                // compressed ones of a class of their own: storescu proposes one transfer syntax per SOP class
                files.add(TestImages.write(new TestImages.Image(study, TestImages.uid(), "DX", "1.2.840.10008.5.1.4.1.1.1.1",
                        TestImages.uid(), 1, 700, 700, 1, 16, TestImages.Syntax.JPEG_LOSSLESS), folder));
                continue;
            }
            TestImages.Image image = switch (i % 3) {
                case 0 -> TestImages.ct(study, 512, 512);
                case 1 -> new TestImages.Image(study, TestImages.uid(), "MR", "1.2.840.10008.5.1.4.1.1.4",
                        TestImages.uid(), 1, 256, 256, 1, 16, TestImages.Syntax.EXPLICIT_LITTLE);
                default -> new TestImages.Image(study, TestImages.uid(), "CR", TestImages.CR, TestImages.uid(), 1, 700,
                        700, 1, 16, TestImages.Syntax.EXPLICIT_LITTLE);
            };
            files.add(TestImages.write(image, folder));
        }
        return files;
    }

    private static long size(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    private static void cStores(Load load, long bytes, Path folder) throws Exception {
        double oneCityStore;
        try (ImagingProcess imaging = imaging("bench_cstore", folder)) {
            int port = Integer.parseInt(imaging.dimsePort());
            storescu(load.warmup(), "ONECITY", port);
            oneCityStore = storescu(load.timed(), "ONECITY", port);
        }
        double orthancStore;
        try (Orthanc orthanc = Orthanc.start(fresh(folder.resolve("orthanc-cstore")), ServiceProcesses.freePort(),
                ServiceProcesses.freePort())) {
            storescu(load.warmup(), Orthanc.AE_TITLE, orthanc.dicomPort);
            orthancStore = storescu(load.timed(), Orthanc.AE_TITLE, orthanc.dicomPort);
        }
        report("C-STORE", load.timed().size(), bytes, oneCityStore, orthancStore);
    }

    private static void stows(Load load, long bytes, Path folder) throws Exception {
        double oneCityStow;
        try (ImagingProcess imaging = imaging("bench_stow", folder)) {
            String token = CityTokens.hospital("H001");
            stow(load.warmup(), imaging.dicomWeb() + "/studies", token);
            oneCityStow = stow(load.timed(), imaging.dicomWeb() + "/studies", token);
        }
        double orthancStow;
        try (Orthanc orthanc = Orthanc.start(fresh(folder.resolve("orthanc-stow")), ServiceProcesses.freePort(),
                ServiceProcesses.freePort())) {
            stow(load.warmup(), orthanc.dicomWeb() + "/studies", null);
            orthancStow = stow(load.timed(), orthanc.dicomWeb() + "/studies", null);
        }
        report("STOW-RS", load.timed().size(), bytes, oneCityStow, orthancStow);
    }

    private static ImagingProcess imaging(String database, Path folder) throws IOException {
        // -Dbench.jfr=folder records a flight recording of each imaging process there, to see where time goes
        String jfr = System.getProperty("bench.jfr");
        Map<String, String> more = jfr == null ? Map.of() : Map.of("JAVA_TOOL_OPTIONS",
                "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(jfr, database + ".jfr").toAbsolutePath());
        return ImagingProcess.start(database, ServiceProcesses.freePort(), ServiceProcesses.freePort(),
                Files.createDirectories(folder.resolve("spool-" + database)), more);
    }

    /** PARALLEL storescu processes, each one association with its share of the files; returns seconds. */
    private static double storescu(List<Path> files, String calledAe, int port) throws Exception {
        return storescu(files, calledAe, port, "-xe");
    }

    /** ... proposing the transfer syntaxes {@code proposal} names (storescu's -x options). */
    private static double storescu(List<Path> files, String calledAe, int port, String proposal) throws Exception {
        if (files.isEmpty()) {
            return 0;
        }
        List<List<Path>> shares = shares(files);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Dcmtk.Run>> runs = new ArrayList<>();
        for (List<Path> share : shares) {
            runs.add(pool.submit(() -> Dcmtk.run(Dcmtk.command("storescu", proposal, "-aet", "H001_PACS", "-aec", calledAe,
                    "127.0.0.1", port, share))));
        }
        for (Future<Dcmtk.Run> run : runs) {
            Dcmtk.Run done = run.get();
            if (!done.succeeded()) {
                throw new IllegalStateException("storescu failed:\n" + done.output());
            }
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** PARALLEL clients, each sending its share in STOW-RS requests of STOW_BATCH instances; returns seconds. */
    private static double stow(List<Path> files, String url, String token) throws Exception {
        if (files.isEmpty()) {
            return 0;
        }
        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> sends = new ArrayList<>();
        for (List<Path> share : shares(files)) {
            sends.add(pool.submit(() -> {
                for (int from = 0; from < share.size(); from += STOW_BATCH) {
                    List<Path> batch = share.subList(from, Math.min(share.size(), from + STOW_BATCH));
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", StowBody.contentType("bench"))
                            .header("Accept", "application/dicom+json")
                            .POST(StowBody.of(batch, "bench"));
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    HttpResponse<String> response;
                    try {
                        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    } catch (IOException closedMeanwhile) {
                        // a kept-alive connection the server had closed (Orthanc does): the same request again
                        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    }
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("STOW-RS answered " + response.statusCode() + ": "
                                + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> send : sends) {
            send.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** /metadata of a 1,000-instance study, read repeatedly from each archive: p50 and p95. */
    private static void metadata(Path folder) throws Exception {
        var study = TestImages.study("MRN-BENCH-META", "H001", "Meta^Data", "20261120");
        var image = TestImages.ct(study, 64, 64);
        Path studyFolder = folder.resolve("metadata-study");
        List<Path> files = existing(studyFolder, METADATA_INSTANCES);
        if (files == null) {
            fresh(studyFolder);
            files = new ArrayList<>();
            for (int i = 1; i <= METADATA_INSTANCES; i++) {
                files.add(TestImages.write(image.numbered(i), studyFolder));
            }
        }
        String studyUid = studyUidOf(files.get(0));
        long[] oneCity;
        try (ImagingProcess imaging = imaging("bench_metadata", folder)) {
            storescu(files, "ONECITY", Integer.parseInt(imaging.dimsePort()));
            oneCity = reads(imaging.dicomWeb() + "/studies/" + studyUid + "/metadata", CityTokens.hospital("H001"));
        }
        long[] orthanc;
        try (Orthanc server = Orthanc.start(fresh(folder.resolve("orthanc-metadata")), ServiceProcesses.freePort(),
                ServiceProcesses.freePort())) {
            storescu(files, Orthanc.AE_TITLE, server.dicomPort);
            orthanc = reads(server.dicomWeb() + "/studies/" + studyUid + "/metadata", null);
        }
        System.out.printf("%nWADO-RS /metadata of a %d-instance study, %d reads after one warm-up:%n", files.size(),
                METADATA_READS);
        System.out.printf("  %-8s p50 %5d ms   p95 %5d ms%n", "OneCity", oneCity[0], oneCity[1]);
        System.out.printf("  %-8s p50 %5d ms   p95 %5d ms%n", "Orthanc", orthanc[0], orthanc[1]);
    }

    private static long[] reads(String url, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i <= METADATA_READS; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/dicom+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            if (i > 0) {
                millis.add(took);
            }
        }
        Collections.sort(millis);
        return new long[] {millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1)};
    }

    private static void report(String what, int instances, long bytes, double oneCity, double orthanc) {
        System.out.printf("%n%s of %d instances, %d in parallel:%n", what, instances, PARALLEL);
        System.out.printf("  %-8s %7.1f instances/s %7.1f MB/s  (%.1f s)%n", "OneCity", instances / oneCity,
                bytes / 1e6 / oneCity, oneCity);
        System.out.printf("  %-8s %7.1f instances/s %7.1f MB/s  (%.1f s)%n", "Orthanc", instances / orthanc,
                bytes / 1e6 / orthanc, orthanc);
        System.out.printf("  ratio OneCity/Orthanc %.2f%n", orthanc / oneCity);
    }

    /** A study of CT slices 512x512 with a 2000x2500 CR every CR_EVERY-th; made once, kept for later runs. */
    private static List<Path> files(Path folder, int instances, String patientId) throws IOException {
        List<Path> existing = existing(folder, instances);
        if (existing != null) {
            return existing;
        }
        fresh(folder);
        var study = TestImages.study(patientId, "H001", "Bench^Mark", "20261120");
        var ct = TestImages.ct(study, 512, 512);
        var cr = new TestImages.Image(study, TestImages.uid(), "CR", TestImages.CR, TestImages.uid(), 1, 2500, 2000, 1, 16,
                TestImages.Syntax.EXPLICIT_LITTLE);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= instances; i++) {
            var image = i % CR_EVERY == 0 ? cr.numbered(i) : ct.numbered(i);
            files.add(TestImages.write(image, folder));
        }
        return files;
    }

    private static List<Path> existing(Path folder, int count) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> files = list.filter(f -> f.toString().endsWith(".dcm")).sorted().toList();
            return files.size() == count ? files : null;
        }
    }

    private static Path fresh(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(folder);
    }

    private static List<List<Path>> shares(List<Path> files) {
        List<List<Path>> shares = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < files.size(); i++) {
            shares.get(i % PARALLEL).add(files.get(i));
        }
        return shares;
    }

    private static String studyUidOf(Path file) throws Exception {
        var list = new com.pixelmed.dicom.AttributeList();
        list.read(file.toFile(), com.pixelmed.dicom.TagFromName.PixelData);
        return com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(list, com.pixelmed.dicom.TagFromName.StudyInstanceUID);
    }
}
