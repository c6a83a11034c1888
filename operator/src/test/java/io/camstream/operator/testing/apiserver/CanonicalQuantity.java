package io.camstream.operator.testing.apiserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quantity as the API server stores it: parsed, then written back in its canonical form, the way
 * apimachinery's {@code resource.Quantity} does ({@code staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go}:
 * {@code ParseQuantity}, {@code CanonicalizeBytes}, {@code AsCanonicalBytes}, {@code AsCanonicalBase1024Bytes}).
 *
 * <ul>
 *   <li>The suffix picks the format: {@code Ki..Ei} binary, {@code n u m "" k M G T P E} decimal, {@code e3} exponent.</li>
 *   <li>Decimal: trailing zeros removed, the exponent lowered to a multiple of 3, the SI suffix for it:
 *       {@code 0.5 -> 500m}, {@code 1000m -> 1}, {@code 1500 -> 1500}, {@code 2000 -> 2k}.</li>
 *   <li>Binary: the largest power of 1024 that divides the value exactly ({@code 1024Mi -> 1Gi},
 *       {@code 1536Mi} stays); below 1024 or fractional it falls back to decimal ({@code 0.5Ki -> 512}).</li>
 *   <li>Parsing rounds up below nano; a {@code ResourceList} (container requests/limits) is rounded up to milli
 *       ({@code SetDefaults_ResourceList} in {@code pkg/apis/core/v1/defaults.go}).</li>
 * </ul>
 */
public final class CanonicalQuantity {
  private static final Pattern QUANTITY = Pattern.compile(
      "^([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$");
  private static final Map<String, Integer> DECIMAL_EXPONENTS = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3,
      "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
  private static final Map<Integer, String> DECIMAL_SUFFIXES = Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k",
      6, "M", 9, "G", 12, "T", 15, "P", 18, "E");
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

  private enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  private CanonicalQuantity() {
  }

  /** The canonical form of a quantity outside a resource list (e.g. an emptyDir sizeLimit). */
  public static String canonical(String quantity) {
    return canonical(quantity, 9);
  }

  /** The canonical form of a quantity inside a {@code ResourceList}: rounded up to milli first. */
  public static String canonicalInResourceList(String quantity) {
    return canonical(quantity, 3);
  }

  /** @throws IllegalArgumentException with the API server's wording when the text is no quantity */
  private static String canonical(String quantity, int maxScale) {
    Matcher m = QUANTITY.matcher(quantity == null ? "" : quantity.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + quantity);
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    Format format;
    BigDecimal value;
    if (suffix.endsWith("i")) {
      format = Format.BINARY_SI;
      int power = indexOf(BINARY_SUFFIXES, suffix);
      value = number.multiply(KIBI.pow(power));
    } else if (suffix.startsWith("e") || suffix.startsWith("E")) {
      format = Format.DECIMAL_EXPONENT;
      value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    } else {
      format = Format.DECIMAL_SI;
      value = number.scaleByPowerOfTen(DECIMAL_EXPONENTS.get(suffix));
    }
    if (value.scale() > maxScale) {
      value = value.setScale(maxScale, RoundingMode.UP);
    }
    if (value.signum() == 0) {
      return "0";
    }
    if (format == Format.BINARY_SI) {
      boolean small = value.abs().compareTo(KIBI) < 0;
      boolean integral = value.stripTrailingZeros().scale() <= 0;
      if (small || !integral) {
        format = Format.DECIMAL_SI;
      } else {
        return binary(value.toBigIntegerExact());
      }
    }
    return decimal(value, format);
  }

  private static String binary(BigInteger value) {
    BigInteger kibi = BigInteger.valueOf(1024);
    int power = 0;
    while (power < BINARY_SUFFIXES.length - 1 && value.mod(kibi).signum() == 0) {
      value = value.divide(kibi);
      power++;
    }
    return value + BINARY_SUFFIXES[power];
  }

  private static String decimal(BigDecimal value, Format format) {
    BigDecimal stripped = value.stripTrailingZeros();
    BigInteger mantissa = stripped.unscaledValue();
    int exponent = -stripped.scale();
    int lowered = exponent - Math.floorMod(exponent, 3);
    mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - lowered));
    if (format == Format.DECIMAL_SI && DECIMAL_SUFFIXES.containsKey(lowered)) {
      return mantissa + DECIMAL_SUFFIXES.get(lowered);
    }
    return lowered == 0 ? mantissa.toString() : mantissa + "e" + lowered;
  }

  private static int indexOf(String[] values, String value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(value)) {
        return i;
      }
    }
    throw new IllegalArgumentException(value);
  }
}
