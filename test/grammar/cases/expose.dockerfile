# SYNTAX TEST "source.dockerfile" "EXPOSE ports and protocols"
EXPOSE 80 443/tcp 53/udp 38412/sctp 8000-8010/TCP ${PORT}/tcp 9/foo
#      ^^ constant.numeric.integer.port.dockerfile
#         ^^^ constant.numeric.integer.port.dockerfile
#            ^ punctuation.separator.protocol.dockerfile
#             ^^^ constant.language.protocol.dockerfile
#                    ^^^ constant.language.protocol.dockerfile
#                              ^^^^ constant.language.protocol.dockerfile
#                                   ^^^^ constant.numeric.integer.port.dockerfile
#                                       ^ punctuation.separator.range.dockerfile
#                                        ^^^^ constant.numeric.integer.port.dockerfile
#                                             ^^^ constant.language.protocol.dockerfile
#                                                   ^^^^ variable.other.dockerfile
#                                                               ^^^ invalid.illegal.protocol.dockerfile
