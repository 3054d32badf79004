package org.onecity.batch.history;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.onecity.batch.BatchSettings;
import org.onecity.batch.operation.JobParameterNames;
import org.onecity.batch.operation.Progress;
import org.onecity.common.city.CityDirectory;
import org.onecity.common.city.Hospital;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersInvalidException;
import org.springframework.batch.core.SkipListener;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemWriter;
import org.springframework.batch.item.file.FlatFileItemReader;
import org.springframework.batch.item.file.MultiResourceItemReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports a hospital's history, exported as FHIR Bulk Data NDJSON files (one resource per line, one file per type),
 * into the city record: parameters {@code hospital} and {@code files} (the folder of {@code *.ndjson} files). Files
 * are read in the order their types depend on each other (organisations and patients before encounters, encounters
 * before results); each chunk is pushed to fhir-server as transactions of conditional updates on the hospital's
 * business identifiers, so an import run again stores nothing twice. A line that is not a resource, lacks the
 * hospital's identifier, refers to something not imported, or is refused by fhir-server goes to the error file with
 * its file, line number and reason, and the rest is imported. The reader's place is saved with every chunk: a
 * restarted import goes on where it stopped.
 */
@Configuration(proxyBeanMethods = false)
public class HistoryImportJob {

    public static final String NAME = "history-import";
    /** Types in the order they refer to each other; others come after, by name. */
    static final List<String> ORDER = List.of("Organization", "Practitioner", "Location", "Patient", "Encounter",
            "ServiceRequest", "Specimen", "Observation", "DiagnosticReport", "DocumentReference", "ChargeItem");

    @Bean
    FhirContext batchFhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    Job historyImport(JobRepository repository, Step importHistory, Progress progress, CityDirectory city,
                      CityRecordClient cityRecord) {
        return new JobBuilder(NAME, repository)
                .validator(parameters -> validate(parameters, city, cityRecord))
                .listener(progress.expecting(parameters -> files(Path.of(parameters.getString("files"))).stream()
                        .mapToLong(HistoryImportJob::lines).sum()))
                .start(importHistory)
                .build();
    }

    @Bean
    Step importHistory(JobRepository repository, PlatformTransactionManager transactions, BatchSettings settings,
                       MultiResourceItemReader<NdjsonLine> historyFiles, ItemProcessor<NdjsonLine, HistoryRecord> historyLine,
                       ItemWriter<HistoryRecord> historyPush, SkipListener<NdjsonLine, HistoryRecord> historyErrors,
                       Progress progress) {
        return new StepBuilder("import-history", repository)
                .<NdjsonLine, HistoryRecord>chunk(settings.history().chunk(), transactions)
                .reader(historyFiles)
                .processor(historyLine)
                .writer(historyPush)
                .faultTolerant()
                .skip(BadLine.class).skip(CityRecordClient.RejectedByCityRecord.class).skipLimit(Integer.MAX_VALUE)
                .listener(historyErrors)
                .listener(progress.reporting())
                .build();
    }

    @Bean
    @StepScope
    MultiResourceItemReader<NdjsonLine> historyFiles(@Value("#{jobParameters['files']}") String folder,
            @Value("${onecity.batch.history.max-line:16777216}") int maxLine) {
        FlatFileItemReader<NdjsonLine> lines = new FlatFileItemReader<>();
        lines.setEncoding(StandardCharsets.UTF_8.name());
        // a line is held whole only up to the limit: a longer one goes to the error file, the rest is imported
        lines.setBufferedReaderFactory(new BoundedLines(maxLine));
        lines.setLineMapper((text, number) -> new NdjsonLine(number, text));
        lines.setStrict(true);
        lines.setName("history-lines");
        MultiResourceItemReader<NdjsonLine> reader = new MultiResourceItemReader<>();
        reader.setName("history-files");
        reader.setDelegate(lines);
        reader.setResources(files(Path.of(folder)).stream().map(FileSystemResource::new).toArray(Resource[]::new));
        // the order of the files is the order above, not the file names'
        reader.setComparator((a, b) -> 0);
        return reader;
    }

    @Bean
    @StepScope
    ItemProcessor<NdjsonLine, HistoryRecord> historyLine(FhirContext batchFhirContext, CityDirectory city,
            HistoryReferences references, @Value("#{jobParameters['hospital']}") String code) {
        Hospital hospital = city.hospital(code).orElseThrow();
        // what this step has read, before its chunk is written: a result may refer to an encounter of its chunk
        Map<String, Identifier> read = new HashMap<>();
        HistoryLines lines = new HistoryLines(batchFhirContext, hospital, (type, id) ->
                Optional.ofNullable(read.get(type + "/" + id)).or(() -> references.find(code, type, id)));
        return line -> {
            HistoryRecord record = lines.read(line);
            if (record != null && record.sourceId() != null) {
                read.put(record.resource().fhirType() + "/" + record.sourceId(), record.businessIdentifier());
            }
            return record;
        };
    }

    @Bean
    @StepScope
    ItemWriter<HistoryRecord> historyPush(CityRecordClient cityRecord, HistoryReferences references,
                                          @Value("#{jobParameters['hospital']}") String hospital) {
        return chunk -> {
            // one transaction per run of one type, in file order: what a result refers to is stored before it
            List<HistoryRecord> run = new ArrayList<>();
            for (HistoryRecord record : chunk.getItems()) {
                if (!run.isEmpty() && !run.get(0).resource().fhirType().equals(record.resource().fhirType())) {
                    push(cityRecord, hospital, run);
                    run = new ArrayList<>();
                }
                run.add(record);
            }
            push(cityRecord, hospital, run);
            references.remember(hospital, new ArrayList<>(chunk.getItems()));
        };
    }

    private static void push(CityRecordClient cityRecord, String hospital, List<HistoryRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (HistoryRecord record : records) {
            transaction.addEntry().setResource(record.resource()).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl(record.resource().fhirType());
        }
        cityRecord.push(hospital, transaction);
    }

    /** Every line not imported, with its file, line number and reason, in {@code <files>/history/<hospital>/}. */
    @Bean
    @StepScope
    SkipListener<NdjsonLine, HistoryRecord> historyErrors(BatchSettings settings,
            @Value("#{jobParameters['hospital']}") String hospital,
            @Value("#{stepExecution.jobExecutionId}") Long execution) {
        Path file = settings.files().resolve("history").resolve(hospital).resolve("errors-" + execution + ".tsv");
        return new SkipListener<>() {
            @Override
            public void onSkipInProcess(NdjsonLine line, Throwable reason) {
                write(file, line.file(), line.lineNumber(), reason.getMessage());
            }

            @Override
            public void onSkipInWrite(HistoryRecord record, Throwable reason) {
                write(file, record.line().file(), record.line().lineNumber(), "refused by the city record: "
                        + reason.getMessage());
            }
        };
    }

    private static synchronized void write(Path file, String name, int line, String reason) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, name + "\t" + line + "\t" + reason.replace('\n', ' ').replace('\t', ' ') + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the import's error file " + file, e);
        }
    }

    static List<Path> files(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".ndjson"))
                    .sorted(Comparator.comparing((Path p) -> rank(p.getFileName().toString()))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static int rank(String fileName) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (fileName.startsWith(ORDER.get(i))) {
                return i;
            }
        }
        return ORDER.size();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void validate(JobParameters parameters, CityDirectory city, CityRecordClient cityRecord)
            throws JobParametersInvalidException {
        JobParameterNames.of(Set.of("hospital", "files"), Set.of("run")).validate(parameters);
        String hospital = parameters.getString("hospital");
        if (city.hospital(hospital).isEmpty()) {
            throw new JobParametersInvalidException("Hospital " + hospital + " is not in the city directory");
        }
        if (!cityRecord.knows(hospital)) {
            throw new JobParametersInvalidException("No client credentials of " + hospital
                    + " are configured (onecity.batch.history.clients." + hospital + ")");
        }
        Path folder = Path.of(parameters.getString("files"));
        if (!Files.isDirectory(folder) || files(folder).isEmpty()) {
            throw new JobParametersInvalidException("No *.ndjson files in " + folder);
        }
    }
}
