package io.github.bertdistill.core.zoo;

import ai.djl.repository.Artifact;
import ai.djl.repository.LocalRepository;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.Repository;
import ai.djl.repository.RepositoryFactory;
import ai.djl.repository.SimpleRepository;
import ai.djl.repository.zoo.DefaultModelZoo;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * DJL's repository for {@code file:} URLs, taught bert-distill model folders: registered as a
 * {@code ServiceLoader} service of DJL's {@link RepositoryFactory}, it replaces DJL's built-in one
 * for {@code file:}, so that {@code Criteria.optModelPath(folder)} on a folder that a registered
 * {@link ClassifierBlockFactory} recognises loads it with that factory and a {@link
 * ClassifierTranslatorFactory}, with nothing named in the criteria.
 *
 * <p>A path that does not exist, or a file inside such a folder, is refused by name: loading it
 * throws a {@link FileNotFoundException} that says so, where DJL would answer "No model matching
 * the criteria is found" or fail to read the file as TorchScript. Any other path gets what DJL
 * 0.36's own factory gives it: a {@link LocalRepository} for a folder holding a {@code
 * metadata.json} below its top level, else a {@link SimpleRepository}. Arguments in the URL's query
 * string and the criteria's own arguments take precedence over ours; a folder's {@code
 * serving.properties} does not (DJL adds its keys only where none is set).
 */
public final class ModelFolderRepositoryFactory implements RepositoryFactory {
    /** The DJL argument naming the translator factory. */
    static final String TRANSLATOR_FACTORY = "translatorFactory";

    /** The DJL argument naming the block factory. */
    static final String BLOCK_FACTORY = "blockFactory";

    /** The engine's load option that says the block already holds its weights. */
    static final String HAS_PARAMETER = "hasParameter";

    private static final String METADATA = "metadata.json";

    @Override
    public Repository newInstance(String name, URI uri) {
        Path path = Paths.get(uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart());
        Optional<String> refusal = refusal(path);
        if (refusal.isPresent()) {
            return new RefusedPath(name, uri, path, refusal.get());
        }
        if (Files.isDirectory(path)) {
            Optional<ClassifierBlockFactory> factory = factoryFor(path);
            if (factory.isPresent()) {
                return new ModelFolderRepository(name, uri, path, factory.get());
            }
            if (holdsMetadata(path)) {
                return new LocalRepository(name, uri, path) {};
            }
        }
        return new SimpleRepository(name, uri, path) {};
    }

    @Override
    public Set<String> getSupportedScheme() {
        return Set.of("file");
    }

    /**
     * Why a path cannot be loaded, where DJL's own answer would not say: a path that does not
     * exist, or a file inside a bert-distill model folder (give the folder).
     */
    private static Optional<String> refusal(Path path) {
        if (!Files.exists(path)) {
            return Optional.of("no model at " + path + ": it does not exist");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (Files.isRegularFile(path) && parent != null && factoryFor(parent).isPresent()) {
            return Optional.of(
                    path
                            + " is a file of the model folder "
                            + parent
                            + ": give optModelPath the folder");
        }
        return Optional.empty();
    }

    /** The registered block factory that recognises {@code folder}, if any. */
    static Optional<ClassifierBlockFactory> factoryFor(Path folder) {
        for (ClassifierBlockFactory factory : ServiceLoader.load(ClassifierBlockFactory.class)) {
            if (factory.recognises(folder)) {
                return Optional.of(factory);
            }
        }
        return Optional.empty();
    }

    /** DJL's test for a local repository: a {@code metadata.json} below the top level. */
    private static boolean holdsMetadata(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(
                    f ->
                            f.endsWith(METADATA)
                                    && Files.isRegularFile(f)
                                    && !f.getParent().equals(folder));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** A path no model loads from: locating a model in it fails with the reason. */
    private static final class RefusedPath extends SimpleRepository {
        private final String reason;

        RefusedPath(String name, URI uri, Path path, String reason) {
            super(name, uri, path);
            this.reason = reason;
        }

        /** One model, so that DJL asks for it and hears why there is none. */
        @Override
        public List<MRL> getResources() {
            return List.of(MRL.undefined(this, DefaultModelZoo.GROUP_ID, getName()));
        }

        @Override
        public Metadata locate(MRL mrl) throws IOException {
            throw new FileNotFoundException(reason);
        }
    }

    /** A plain folder repository whose one artifact names our factories. */
    private static final class ModelFolderRepository extends SimpleRepository {
        private final ClassifierBlockFactory factory;

        ModelFolderRepository(String name, URI uri, Path path, ClassifierBlockFactory factory) {
            super(name, uri, path);
            this.factory = factory;
        }

        @Override
        public Metadata locate(MRL mrl) throws IOException {
            Metadata metadata = super.locate(mrl);
            for (Artifact artifact : metadata.getArtifacts()) {
                Map<String, Object> arguments = artifact.getArguments();
                arguments.putIfAbsent(
                        TRANSLATOR_FACTORY, ClassifierTranslatorFactory.class.getName());
                arguments.putIfAbsent(BLOCK_FACTORY, factory.getClass().getName());
                Map<String, String> options = new HashMap<>(artifact.getOptions(Map.of()));
                options.putIfAbsent(HAS_PARAMETER, "false");
                artifact.setOptions(options);
            }
            return metadata;
        }
    }
}
