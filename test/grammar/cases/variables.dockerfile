# SYNTAX TEST "source.dockerfile" "variables and substitution"
ENV PATH=/opt/venv/bin:$PATH HOME=${HOME}
#                      ^ variable.other.dockerfile punctuation.definition.variable.dockerfile
#                       ^^^^ variable.other.dockerfile
#                                 ^^ variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#                                   ^^^^ variable.other.dockerfile
#                                       ^ punctuation.definition.variable.end.dockerfile
ARG A=${B:-default} C=${D:+set} E=${F-x} G=${H+y} I=${J:?missing}
#       ^ variable.other.dockerfile
#                       ^ variable.other.dockerfile
#                                   ^ variable.other.dockerfile
#                                            ^ variable.other.dockerfile
#                                                     ^ variable.other.dockerfile
#        ^^ keyword.operator.expansion.dockerfile
#                        ^^ keyword.operator.expansion.dockerfile
#                                    ^ keyword.operator.expansion.dockerfile
#                                             ^ keyword.operator.expansion.dockerfile
#                                                      ^^ keyword.operator.expansion.dockerfile
#          ^^^^^^^ string.unquoted.expansion.dockerfile
#                          ^^^ string.unquoted.expansion.dockerfile
ENV X=${A:-${B:-$C}}
#       ^ variable.other.dockerfile
#          ^^ variable.other.bracket.dockerfile variable.other.bracket.dockerfile punctuation.definition.variable.begin.dockerfile
#            ^ variable.other.dockerfile
#               ^^ variable.other.bracket.dockerfile variable.other.bracket.dockerfile variable.other.dockerfile
ENV V=${VERSION#v} W=${NAME%%.*} X=${PATH//:/ }
#              ^ keyword.operator.expansion.dockerfile
#                          ^^ keyword.operator.expansion.dockerfile
#                                        ^^ keyword.operator.expansion.dockerfile
LABEL price=\$5 path="$HOME\$"
#           ^^ constant.character.escape.dockerfile
#             ^ - variable.other.dockerfile
#                     ^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
ENV single='$NOT_EXPANDED'
#           ^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
RUN echo "$HOME" $1 $@ ${#ARR}
#          ^^^^ variable.other.dockerfile
#                ^^ variable.other.special.dockerfile
#                   ^^ variable.other.special.dockerfile
