package io.github.bertdistill.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.repository.LocalRepository;
import ai.djl.repository.Repository;
import ai.djl.repository.SimpleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code file:} repository factory leaves every folder that no bert-distill block factory
 * recognises as DJL's own factory would (core registers no block factory).
 */
class ModelFolderRepositoryFactoryTest {

    @Test
    void isDjlsRepositoryForFileUrls(@TempDir Path dir) {
        Repository repository = Repository.newInstance("plain", dir);
        assertInstanceOf(SimpleRepository.class, repository);
        assertEquals(
                ModelFolderRepositoryFactory.class.getName(),
                repository.getClass().getEnclosingClass().getName(),
                "the service replaces DJL's built-in file: factory");
    }

    @Test
    void aFolderWithMetadataBelowItIsALocalRepository(@TempDir Path dir) throws Exception {
        Path metadata = dir.resolve("model/nlp/group/artifact/metadata.json");
        Files.createDirectories(metadata.getParent());
        Files.writeString(metadata, "{}");
        assertInstanceOf(LocalRepository.class, Repository.newInstance("zoo", dir));
        assertInstanceOf(
                SimpleRepository.class,
                Repository.newInstance("file", dir.resolve("model/nlp/group/artifact")),
                "metadata.json at the top level does not make a local repository");
    }

    @Test
    void recognisesNoFolderWithoutAFactory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"format\": \"bert-distill/textcnn\"}");
        assertFalse(ModelFolderRepositoryFactory.factoryFor(dir).isPresent());
        assertTrue(new ModelFolderRepositoryFactory().getSupportedScheme().contains("file"));
    }
}
