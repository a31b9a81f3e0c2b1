/**
 * The teacher-logit cache: a teacher labels a dataset or transfer set once, and training reads the
 * soft targets back by example id.
 *
 * <p>Write with {@link io.github.bertdistill.distill.cache.LogitCacheWriter} (streamed, in chunks,
 * resumable, stamped with a {@link io.github.bertdistill.distill.cache.TeacherFingerprint}); read
 * with {@link io.github.bertdistill.distill.cache.TeacherLogitCache}. Logits are always matched to
 * examples by id and text hash, never by position, so shuffling cannot misalign them.
 */
package io.github.bertdistill.distill.cache;
