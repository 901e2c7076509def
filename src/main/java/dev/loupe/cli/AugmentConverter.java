package dev.loupe.cli;

import dev.loupe.engine.training.TrainingConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --augment}'s value: a count of variants, or "auto" ({@link TrainingConfig#AUTO_AUGMENTATIONS}). */
final class AugmentConverter implements ITypeConverter<Integer> {

    static final String AUTO = "auto";

    @Override
    public Integer convert(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase(AUTO)) {
            return TrainingConfig.AUTO_AUGMENTATIONS;
        }
        try {
            int k = Integer.parseInt(v);
            if (k < 0 || k > TrainingConfig.MAX_AUGMENTATIONS) {
                throw new TypeConversionException("'" + value + "' must be between 0 and "
                        + TrainingConfig.MAX_AUGMENTATIONS + ", or auto");
            }
            return k;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a count of variants (e.g. 2) or auto");
        }
    }
}
