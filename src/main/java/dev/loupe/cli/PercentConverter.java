package dev.loupe.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "20%", "20" or "0.2" as 20 percent. */
final class PercentConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            String v = value.trim();
            double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) : Double.parseDouble(v);
            if (!v.endsWith("%") && d > 0 && d < 1) {
                d *= 100;
            }
            if (d < 0 || d >= 100) {
                throw new TypeConversionException("'" + value + "' must be between 0% and 100%");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a percentage (e.g. 20%)");
        }
    }
}
