# SYNTAX TEST "source.dockerfile" "ENV, ARG and LABEL keys and values"
ARG NODE_VERSION=22 BUILD_DATE
#   ^^^^^^^^^^^^ variable.other.assignment.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^ string.unquoted.value.dockerfile
#                   ^^^^^^^^^^ variable.other.assignment.dockerfile
ENV NODE_ENV=production PORT="3000" GREETING='hi there'
#   ^^^^^^^^ variable.other.assignment.dockerfile
#            ^^^^^^^^^^ string.unquoted.value.dockerfile
#                       ^^^^ variable.other.assignment.dockerfile
#                            ^^^^^^ string.quoted.double.dockerfile
#                                   ^^^^^^^^ variable.other.assignment.dockerfile
#                                            ^^^^^^^^^^ string.quoted.single.dockerfile
ENV LEGACY_KEY legacy value with spaces
#   ^^^^^^^^^^ variable.other.assignment.dockerfile
#              ^^^^^^ string.unquoted.value.dockerfile
ENV A=x=y
#     ^^^ string.unquoted.value.dockerfile
LABEL org.opencontainers.image.title="Stagecraft" "com.example.key"=value version=1.0
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ support.type.property-name.label.dockerfile
#                                    ^^^^^^^^^^^^ string.quoted.double.dockerfile
#                                                  ^^^^^^^^^^^^^^^ support.type.property-name.label.dockerfile
#                                                                         ^^^^^^^ support.type.property-name.label.dockerfile
LABEL maintainer Jane
#     ^^^^^^^^^^ support.type.property-name.label.dockerfile
