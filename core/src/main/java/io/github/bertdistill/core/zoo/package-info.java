/**
 * DJL's standard model loading for this project's model folders: {@code
 * Criteria.builder().setTypes(String.class, Classifications.class).optModelPath(folder)} gives a
 * {@code Predictor<String, Classifications>} for a student or a teacher folder, with no
 * bert-distill call.
 *
 * <p>How DJL 0.36 gets there, and where each piece plugs in:
 *
 * <ol>
 *   <li>{@code optModelPath} makes a {@code DefaultModelZoo} whose repository comes from the {@code
 *       RepositoryFactory} registered for {@code file:} URLs. {@link ModelFolderRepositoryFactory}
 *       (a {@code ServiceLoader} service of DJL's) recognises a folder that a registered {@link
 *       ClassifierBlockFactory} can load and hands its artifact the arguments {@code
 *       translatorFactory} and {@code blockFactory} and the load option {@code hasParameter=false};
 *       every other path gets DJL's own repository, as without this jar.
 *   <li>DJL's {@code BaseModelLoader} picks the translator factory from those arguments ({@link
 *       ClassifierTranslatorFactory}) before it reads the folder's {@code serving.properties},
 *       which is why the arguments must come from the repository: a {@code translatorFactory} in
 *       {@code serving.properties} reaches only DJL Serving's {@code Input}/{@code Output} path.
 *   <li>The block factory loads the folder with the module's own loader and wraps the classifier in
 *       a {@link ClassifierBlock}; {@code hasParameter=false} tells the engine that the block holds
 *       its weights already (there is no {@code .params} file).
 *   <li>{@link ClassifierTranslator} encodes and pads a batch exactly as the classifier itself
 *       does, so a {@code Predictor} gives the classifier's own probabilities.
 * </ol>
 */
package io.github.bertdistill.core.zoo;
