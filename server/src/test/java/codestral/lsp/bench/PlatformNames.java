package codestral.lsp.bench;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the language's own library gives its common types and functions: a call {@code x.join(} or
 * {@code open(} with such a name may be the platform's, whatever the project defines, so without
 * the receiver's type the benchmark cannot tell which definition it calls. Python's and
 * JavaScript's lists were read from CPython 3 ({@code dir()} of str, bytes, list, dict, set, tuple,
 * int, float, re's Match and Pattern (names with a leading underscore left out), io's files,
 * logging's Logger, threading, socket, ssl, pathlib, os.path; the builtins) and Node ({@code
 * Object.getOwnPropertyNames} of the ES built-ins' prototypes and constructors, EventTarget,
 * AbortSignal, console; the global functions); Java's are read from the running JDK.
 */
final class PlatformNames {
  private PlatformNames() {}

  /** Methods of the platform's common types, by benchmark language family. */
  static Set<String> methods(String family) {
    return switch (family) {
      case "python" -> words(PYTHON_METHODS);
      case "typescript" -> words(JAVASCRIPT_METHODS);
      default -> javaMethods();
    };
  }

  /**
   * Functions called bare: Python's builtins ({@code open(}), JavaScript's global functions and
   * constructors ({@code setTimeout(}, {@code Symbol(}), Java's methods every class inherits from
   * Object ({@code wait(}, {@code getClass(}).
   */
  static Set<String> functions(String family) {
    return switch (family) {
      case "python" -> words(PYTHON_BUILTINS);
      case "typescript" -> words(JAVASCRIPT_GLOBALS + " " + JAVASCRIPT_CONSTRUCTORS);
      default -> objectMethods();
    };
  }

  private static Set<String> objectMethods() {
    Set<String> names = new HashSet<>();
    for (Method method : Object.class.getDeclaredMethods()) {
      names.add(method.getName());
    }
    return names;
  }

  private static final String JAVASCRIPT_CONSTRUCTORS =
      "Array Boolean Date Error Map Number Object Promise Proxy RangeError RegExp Set String Symbol TypeError WeakMap WeakSet";

  private static Set<String> javaMethods() {
    Set<String> names = new HashSet<>();
    for (Class<?> type :
        List.<Class<?>>of(
            Object.class,
            String.class,
            StringBuilder.class,
            StringBuffer.class,
            CharSequence.class,
            Class.class,
            Thread.class,
            Number.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            Double.class,
            Float.class,
            Boolean.class,
            Character.class,
            Enum.class,
            Throwable.class,
            Iterable.class,
            java.util.Collection.class,
            java.util.List.class,
            java.util.Set.class,
            java.util.NavigableSet.class,
            java.util.Map.class,
            java.util.NavigableMap.class,
            java.util.Map.Entry.class,
            java.util.Iterator.class,
            java.util.Optional.class,
            java.util.stream.Stream.class,
            java.util.stream.IntStream.class,
            java.util.regex.Matcher.class,
            java.util.regex.Pattern.class,
            java.lang.reflect.Method.class,
            java.lang.reflect.Field.class,
            java.lang.reflect.Constructor.class,
            java.lang.reflect.TypeVariable.class,
            java.lang.reflect.ParameterizedType.class,
            java.util.concurrent.Future.class,
            java.util.concurrent.ExecutorService.class,
            java.util.Calendar.class,
            java.util.TimeZone.class,
            java.util.Locale.class,
            java.text.SimpleDateFormat.class,
            java.io.InputStream.class,
            java.io.OutputStream.class,
            java.io.Reader.class,
            java.io.Writer.class,
            java.io.File.class)) {
      for (Method method : type.getMethods()) {
        names.add(method.getName());
      }
    }
    return names;
  }

  private static Set<String> words(String text) {
    return Set.of(text.strip().split("\\s+"));
  }

  private static final String PYTHON_METHODS =
      """
          absolute abspath accept acquire acquire_lock add addFilter addHandler add_note altsep anchor
          append appendleft args as_integer_ratio as_posix as_uri basename bind bit_count bit_length
          buffer callHandlers capitalize casefold center cert_store_stats check_hostname chmod cipher
          clear close closed commonpath commonprefix compression conjugate connect connect_ex context
          copy count critical curdir cwd daemon debug decode defpath denominator detach devnull
          difference difference_update dirname discard do_handshake drive dup encode encoding end endpos
          endswith error errors exception exists expand expandtabs expanduser expandvars extend
          extendleft extsep family fatal fileno filter find findCaller findall finditer flags flush
          format format_map from_bytes fromhex fromkeys fullmatch genericpath get getChild
          getEffectiveLevel getName get_ca_certs get_channel_binding get_ciphers get_inheritable getatime
          getblocking getbuffer getctime getmtime getpeercert getpeername getsize getsockname getsockopt
          gettimeout getvalue glob group groupdict groupindex groups handle hardlink_to hasHandlers hex
          home hostname_checks_common_name ident imag index info insert intersection intersection_update
          isDaemon isEnabledFor is_absolute is_alive is_block_device is_char_device is_dir is_fifo
          is_file is_integer is_mount is_relative_to is_reserved is_socket is_symlink isabs isalnum
          isalpha isascii isatty isdecimal isdigit isdir isdisjoint isfile isidentifier islink islower
          ismount isnumeric isprintable isspace issubset issuperset istitle isupper items iterdir join
          joinpath keylog_filename keys lastgroup lastindex lchmod lexists line_buffering link_to listen
          ljust load_cert_chain load_default_certs load_dh_params load_verify_locations locked
          locked_lock log lower lstat lstrip makeRecord makefile maketrans manager match maximum_version
          maxlen minimum_version mkdir mode move_to_end name native_id newlines normcase normpath
          num_tickets numerator open options os owner pardir parent parents partition parts pathsep
          pattern peek pending pop popitem popleft pos post_handshake_auth proto protocol raw re read
          read1 read_bytes read_text readable readinto readinto1 readline readlines readlink real
          realpath reconfigure recv recv_into recvfrom recvfrom_into recvmsg recvmsg_into regs
          relative_to release release_lock relpath remove removeFilter removeHandler removeprefix
          removesuffix rename replace resolve reverse rfind rglob rindex rjust rmdir root rotate
          rpartition rsplit rstrip run samefile sameopenfile samestat scanner search security_level seek
          seekable selected_alpn_protocol selected_npn_protocol send sendall sendfile sendmsg
          sendmsg_afalg sendto sep session session_reused session_stats setDaemon setLevel setName
          set_alpn_protocols set_ciphers set_default_verify_paths set_ecdh_curve set_inheritable
          set_npn_protocols set_servername_callback setblocking setdefault setsockopt settimeout
          shared_ciphers shutdown sni_callback sort span split splitdrive splitext splitlines
          sslobject_class sslsocket_class start startswith stat stem string strip sub subn suffix
          suffixes supports_unicode_filenames swapcase symlink_to symmetric_difference
          symmetric_difference_update sys tell timeout title to_bytes touch translate truncate type union
          unlink unwrap update upper values verify_client_post_handshake verify_flags verify_mode version
          warn warning with_name with_stem with_suffix with_traceback wrap_bio wrap_socket writable write
          write_bytes write_text write_through writelines zfill
      """;

  private static final String PYTHON_BUILTINS =
      """
          abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod
          compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float
          format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter
          len license list locals map max memoryview min next object oct open ord pow print property quit
          range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars
          zip
      """;

  private static final String JAVASCRIPT_METHODS =
      """
          Console abort abs acos acosh add addEventListener all allSettled anchor any apply asin asinh
          assert assign at atan atan2 atanh big bind blink bold call catch cbrt ceil charAt charCodeAt
          clear clz32 codePointAt compile concat constructor context copyWithin cos cosh count countReset
          create createTask debug defineProperties defineProperty delete dir dirxml dispatchEvent
          endsWith entries error every exec exp expm1 fill filter finally find findIndex findLast
          findLastIndex fixed flat flatMap floor fontcolor fontsize for forEach freeze from fromCharCode
          fromCodePoint fromEntries fround get getDate getDay getFullYear getHours getMilliseconds
          getMinutes getMonth getOwnPropertyDescriptor getOwnPropertyDescriptors getOwnPropertyNames
          getOwnPropertySymbols getPrototypeOf getSeconds getTime getTimezoneOffset getUTCDate getUTCDay
          getUTCFullYear getUTCHours getUTCMilliseconds getUTCMinutes getUTCMonth getUTCSeconds getYear
          group groupCollapsed groupEnd has hasOwn hasOwnProperty hypot imul includes indexOf info is
          isArray isExtensible isFinite isFrozen isInteger isNaN isPrototypeOf isSafeInteger isSealed
          isWellFormed italics join keyFor keys lastIndexOf link localeCompare log log10 log1p log2 map
          match matchAll max min normalize of padEnd padStart parse parseFloat parseInt pop pow
          preventExtensions profile profileEnd propertyIsEnumerable push race random raw reduce
          reduceRight reject removeEventListener repeat replace replaceAll resolve reverse round seal
          search set setDate setFullYear setHours setMilliseconds setMinutes setMonth setPrototypeOf
          setSeconds setTime setUTCDate setUTCFullYear setUTCHours setUTCMilliseconds setUTCMinutes
          setUTCMonth setUTCSeconds setYear shift sign sin sinh slice small some sort splice split sqrt
          startsWith strike stringify sub substr substring sup table tan tanh test then throwIfAborted
          time timeEnd timeLog timeStamp toDateString toExponential toFixed toGMTString toISOString
          toJSON toLocaleDateString toLocaleLowerCase toLocaleString toLocaleTimeString toLocaleUpperCase
          toLowerCase toPrecision toReversed toSorted toSpliced toString toTimeString toUTCString
          toUpperCase toWellFormed trace trim trimEnd trimLeft trimRight trimStart trunc unshift valueOf
          values warn with
      """;

  private static final String JAVASCRIPT_GLOBALS =
      """
          atob btoa clearImmediate clearInterval clearTimeout decodeURI decodeURIComponent encodeURI
          encodeURIComponent escape eval fetch isFinite isNaN parseFloat parseInt queueMicrotask
          setImmediate setInterval setTimeout structuredClone unescape
      """;
}
